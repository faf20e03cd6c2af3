package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.LinearProblem;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.LossKind;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

class NetTrainTest {

    private static Chain spiralNet() {
        return Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 3), Layer.of("Softmax"));
    }

    private static MemoryDataset spirals() {
        return GeneratedDatasets.spirals(3, 300, 0.05, 7);
    }

    /** The share of examples whose most probable class is their label. */
    private static double accuracy(NetRunner runner, MemoryDataset data) {
        float[] features = new float[data.size() * 2];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.features(i), 0, features, 2 * i, 2);
        }
        TensorValue probabilities = runner.run(List.of(TensorValue.of(features, data.size(), 2))).get(0);
        int[] labels = ((org.netstudio.engine.data.Targets.Classes) data.targets()).labels();
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            float sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += probabilities.value(3 * i + c);
                if (probabilities.value(3 * i + c) > probabilities.value(3 * i + best)) {
                    best = c;
                }
            }
            assertThat(sum).isCloseTo(1f, within(1e-4f));
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / data.size();
    }

    @Test
    void mlpWithSoftmaxLearnsSpiralsAndComesBackWithItsSoftmax() {
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(15)
                .validationFraction(0.2).seed(1).build();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        PreparedTraining training = NetTrain.prepare(spiralNet(), null, spirals(), options).addListener(events::add);
        assertThat(training.loss()).isEqualTo(LossKind.CROSS_ENTROPY);
        assertThat(training.softmaxFused()).isTrue();

        TrainedNet trained = training.run();

        assertThat(trained.result().stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(trained.result().finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble())
                .isGreaterThanOrEqualTo(0.95);
        assertThat(events).filteredOn(e -> e instanceof TrainingEvent.EpochEnded).hasSize(15);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(trained.net()).isEqualTo(spiralNet());
        assertThat(trained.weights().arrays().keySet()).containsExactly("linear1/biases", "linear1/weights",
                "linear2/biases", "linear2/weights", "linear3/biases", "linear3/weights");
        assertThat(trained.weights().metadata()).containsEntry("dataset", spirals().name());
        try (NetRunner runner = trained.runner()) {
            assertThat(runner.outputIsProbabilities(0)).isTrue();
            assertThat(accuracy(runner, spirals())).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void linearRegressionConvergesToTheTrueCoefficients() {
        LinearProblem problem = GeneratedDatasets.linear(2000, 3, 0.1, 11);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.05)
                .schedule(LearningRateSchedule.cosine(0.01)).batchSize(32).maxEpochs(15).validationFraction(0.1)
                .seed(3).build();
        PreparedTraining training = NetTrain.prepare(Chain.of(PortDecl.of(TensorType.real(3)), Layer.of("Linear", "units", 1)),
                null, problem.dataset(), options);
        assertThat(training.loss()).isEqualTo(LossKind.MEAN_SQUARED);
        assertThat(training.softmaxFused()).isFalse();

        TrainedNet trained = training.run();

        float[] w = trained.weights().get("linear1/weights").orElseThrow().floats();
        float[] truth = problem.weights();
        for (int i = 0; i < truth.length; i++) {
            assertThat(w[i]).as("weight %d", i).isCloseTo(truth[i], within(0.03f));
        }
        assertThat(trained.weights().get("linear1/biases").orElseThrow().floats()[0]).isCloseTo(problem.bias(),
                within(0.03f));
        assertThat(trained.result().finalMetrics().orElseThrow().validation().orElseThrow().loss())
                .isLessThan(0.02);
    }

    @Test
    void fineTuningStartsFromTheGivenWeightsAndAStopStillGivesAUsableNet() {
        TrainingOptions one = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(1).seed(1).build();
        TrainedNet first = NetTrain.train(spiralNet(), spirals(), one, null);

        TrainingOptions more = one.toBuilder().maxEpochs(50).build();
        PreparedTraining training = NetTrain.prepare(spiralNet(), first.weights(), spirals(), more);
        training.addListener(e -> {
            if (e instanceof TrainingEvent.BatchEnded b && b.batch() == 3) {
                training.stop();
            }
        });
        TrainedNet stopped = training.run();

        assertThat(stopped.result().stopReason()).isEqualTo(StopReason.STOPPED);
        assertThat(stopped.result().batches()).isEqualTo(3);
        assertThat(stopped.weights().arrays().keySet()).isEqualTo(first.weights().arrays().keySet());
        assertThat(stopped.weights()).isNotEqualTo(first.weights());
        try (NetRunner runner = stopped.runner()) {
            assertThat(runner.predict(new float[] {0.1f, 0.2f}).get(0).shape()).containsExactly(3);
        }
    }

    @Test
    void fineTuningANetWithANewOutputLayerKeepsTheWeightsThatFitAndStartsTheRestFresh() {
        TrainingOptions one = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(1).seed(1).build();
        TrainedNet first = NetTrain.train(spiralNet(), spirals(), one, null);
        // Transfer learning: the same trunk, a new head for the two classes of another problem.
        Chain twoClasses = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 2), Layer.of("Softmax"));

        PreparedTraining training = NetTrain.prepare(twoClasses, first.weights(), GeneratedDatasets.moons(200, 0.1, 7), one);
        Weights start = training.currentWeights();
        training.run();

        assertThat(training.freshArrays()).containsExactly("linear3/weights", "linear3/biases");
        assertThat(start.get("linear1/weights").orElseThrow()).isEqualTo(first.weights().get("linear1/weights").orElseThrow());
        assertThat(start.get("linear2/biases").orElseThrow()).isEqualTo(first.weights().get("linear2/biases").orElseThrow());
        assertThat(start.get("linear3/weights").orElseThrow().shape()).containsExactly(2, 32);
        try (NetRunner untrained = NetRunner.untrained(twoClasses, 1)) {
            assertThat(start.get("linear3/weights").orElseThrow())
                    .as("the new head starts from the seeded values a fresh net would have")
                    .isEqualTo(untrained.weights().get("linear3/weights").orElseThrow());
        }
    }

    @Test
    void weightsOfAnotherNetAreRefusedRatherThanSilentlyIgnored() {
        TrainingOptions one = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(1).seed(1).build();
        TrainedNet first = NetTrain.train(spiralNet(), spirals(), one, null);
        Chain other = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3), Layer.of("Softmax"));

        assertThatThrownBy(() -> NetTrain.prepare(other, first.weights(), spirals(), one))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("None of the weights fits the net: linear1/weights must have shape (3, 2), but has (32, 2)");
    }

    @Test
    void checkpointsAreWrittenWhenFineTuningFromLoadedWeights(@TempDir Path folder) {
        TrainingOptions one = TrainingOptions.builder().learningRate(0.01).batchSize(64).maxEpochs(1).seed(1).build();
        TrainedNet first = NetTrain.train(spiralNet(), spirals(), one, null);
        TrainingOptions more = one.toBuilder().checkpointFolder(folder).build();

        TrainedNet second = NetTrain.prepare(spiralNet(), first.weights(), spirals(), more).run();

        assertThat(second.result().stopReason()).as(second.result().message()).isEqualTo(StopReason.COMPLETED);
        assertThat(folder.resolve("best.params")).isNotEmptyFile();
        assertThat(folder.resolve("last.params")).isNotEmptyFile();
    }

    @Test
    void dataTheNetCannotTakeIsRefusedBeforeTrainingWithThePortAndTheColumn() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).build();
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("dense", Layer.of("Linear", "units", 2));
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("x", PortDecl.of(TensorType.real(2)));
        inputs.put("y", PortDecl.of(TensorType.real(2)));
        Graph twoInputs = new Graph(inputs, nodes, List.of(new Edge(PortRef.graphPort("x"), PortRef.of("dense", "Input")),
                        new Edge(PortRef.of("dense", "Output"), PortRef.graphPort("Output"))),
                Map.of("Output", PortDecl.UNSPECIFIED));
        assertThatThrownBy(() -> NetTrain.prepare(twoInputs, null, spirals(), options))
                .hasMessageStartingWith("The net's input 'x' (a vector of size 2) is fed by no column of 'Spirals")
                .hasMessageEndingWith("map one to it (--input x=COLUMN)");

        assertThatThrownBy(() -> NetTrain.prepare(spiralNet(), null, GeneratedDatasets.linear(10, 3, 0, 1).dataset(),
                options)).hasMessageStartingWith("The net's input 'Input' takes a vector of size 2 (2 values), but column"
                + " 'Input' of ")
                .hasMessageEndingWith("holds vectors of 3 real numbers (3 values)");

        assertThatThrownBy(() -> NetTrain.prepare(spiralNet(), null, GeneratedDatasets.spirals(2, 50, 0.05, 7),
                options)).hasMessageEndingWith("has 2 classes, but the net's output 'Output' gives a vector of size 3; a"
                + " classifier for it ends in a vector of 2 (e.g. Linear with units 2, then Softmax)");
    }

    @Test
    void oneFitBindsTheDataAndSaysWhyItCannotTrainFromOneCompile() {
        org.netstudio.engine.data.ExampleTable spirals = org.netstudio.engine.data.ExampleTable.of(
                GeneratedDatasets.spirals(3, 100, 0.05, 7));
        NetNode three = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3), Layer.of("Softmax"));
        NetTrain.Fit fits = NetTrain.fit(three, spirals, DataMapping.AUTOMATIC);
        assertThat(fits.problem()).isEmpty();
        assertThat(fits.binding().inputs()).hasSize(1);

        // Two outputs for three classes: the columns bind, and the loss says why it cannot compare them.
        NetNode two = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 2), Layer.of("Softmax"));
        NetTrain.Fit wrong = NetTrain.fit(two, spirals, DataMapping.AUTOMATIC);
        assertThat(wrong.binding()).isNotNull();
        assertThat(wrong.problem()).isEqualTo(NetTrain.checkFit(two, spirals, DataMapping.AUTOMATIC));
        assertThat(wrong.problem()).isPresent();
    }
}
