package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.torchrun.PyTorchProject;
import org.netstudio.engine.torchrun.TorchrunJob;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import org.netstudio.engine.torchrun.TrainingData;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * One gallery net trained both ways with one recipe: NetStudio's own run, then the exported
 * PyTorch project under torchrun, its best weights imported back with {@code netstudio
 * import-weights} and measured by {@code netstudio eval}. For {@link TorchrunTrainingTest} and
 * {@code ./bench torchrun}.
 *
 * @param netstudio NetStudio's test accuracy after its own run
 * @param torch PyTorch's test accuracy with its best weights, as train.py measured it
 * @param imported {@code netstudio eval}'s test accuracy of PyTorch's weights
 * @param netstudioSeconds NetStudio's training time
 * @param torchSeconds torchrun's wall-clock time, start-up included
 */
record TorchrunParity(double netstudio, double torch, double imported, double netstudioSeconds, double torchSeconds) {

    /**
     * Trains and measures.
     *
     * @param galleryId the net
     * @param dataName the --data name eval takes for the same test split
     * @param table the training examples with the test split
     * @param epochs epochs on both sides
     * @param python a Python with PyTorch
     * @param processes torchrun's processes
     * @param dir a folder for the project and the nets
     */
    static TorchrunParity measure(String galleryId, String dataName, ExampleTable table, int epochs, Path python,
                                  int processes, Path dir) throws Exception {
        NetDocument doc = Gallery.standard().load(galleryId);
        TrainingOptions options = TrainingOptions.builder().maxEpochs(epochs).seed(1).build();
        long t0 = System.nanoTime();
        TrainedNet own = NetTrain.prepare(doc.net(), null, table, null, DataMapping.AUTOMATIC, options).run();
        double ownSeconds = (System.nanoTime() - t0) / 1e9;
        Metrics ownTest = NetTrain.evaluate(own.net(), own.weights(), table.test().orElseThrow(), DataMapping.AUTOMATIC);

        Path project = dir.resolve(galleryId);
        PyTorchProject.write(doc, Optional.empty(), options, TrainingData.of(dataName, table), project);
        long t1 = System.nanoTime();
        TorchrunJob job = TorchrunJob.start(project, TorchrunLaunch.local(python, processes), e -> { });
        TrainingResult result = job.result().get(2, TimeUnit.HOURS);
        double torchSeconds = (System.nanoTime() - t1) / 1e9;
        assertThat(result.stopReason()).as(result.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.history()).hasSize(epochs);
        double torch = job.test().orElseThrow().accuracy().orElseThrow();

        Path net = dir.resolve(galleryId + ".json");
        NetFileWriter.write(doc, net);
        Path trained = dir.resolve(galleryId + "-torch.nsnet");
        CliRun imported = CliRun.run("import-weights", net.toString(), job.bestWeights().toString(), "-o",
                trained.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        CliRun eval = CliRun.run("eval", trained.toString(), "--data", dataName, "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        return new TorchrunParity(ownTest.accuracy().orElseThrow(), torch, eval.json().get("accuracy").asDouble(),
                ownSeconds, torchSeconds);
    }

    @Override
    public String toString() {
        return String.format("NetStudio %.4f (%.0f s), PyTorch %.4f (%.0f s), PyTorch's weights in netstudio eval %.4f",
                netstudio, netstudioSeconds, torch, torchSeconds, imported);
    }
}
