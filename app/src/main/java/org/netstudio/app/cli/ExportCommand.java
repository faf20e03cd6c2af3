package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.TextTables;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.torchrun.PyTorchProject;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import org.netstudio.engine.torchrun.TrainingData;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.net.NetDocument;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio export NET --onnx OUT.onnx}: writes a net and its weights as an ONNX model;
 * {@code netstudio export NET --pytorch DIR --data NAME [training options]}: writes a PyTorch project
 * that trains the net with the recipe {@code netstudio train} would use, under torchrun.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a net with its weights as an ONNX model that ONNX Runtime runs with NetStudio's outputs,"
                + " or as a PyTorch project that trains it with NetStudio's recipe on many processes and machines"
                + " (torchrun).",
            "With --pytorch, the training options are those of netstudio train: the project's recipe.json is the"
                + " training that command would run, on the same examples."})
public final class ExportCommand extends Subcommand {

    @Mixin
    private NetArgument.AnyNet net;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Format format;

    /** Exactly one of the formats. */
    static final class Format {
        @Option(names = "--onnx", paramLabel = "OUT", required = true, description = "The ONNX file to write.")
        private Path onnx;

        @Option(names = "--pytorch", paramLabel = "DIR", required = true,
                description = "The PyTorch project folder to write (new, or empty): model.py, train.py, the examples,"
                        + " recipe.json, README.md.")
        private Path pytorch;
    }

    @Option(names = "--data", paramLabel = "NAME", description = "With --pytorch (required there): "
            + DataArgument.DESCRIPTION)
    private String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "With --pytorch: the column a CSV file's net predicts.")
    private String target;

    @Option(names = "--download", description = "With --pytorch: download Fashion-MNIST or MNIST from their official"
            + " source when not on disk.")
    private boolean download;

    @Mixin
    private TrainingOptionsMixin trainingOptions;

    @Mixin
    private ScheduleOptions schedule;

    @Mixin
    private FreezeOptions freeze;

    @Mixin
    private WeightsGate weightsGate;

    @Override
    public Integer call() {
        if (format.pytorch != null) {
            return pytorch(format.pytorch);
        }
        if (data != null) {
            throw usage("--data goes with --pytorch: an ONNX file holds no training");
        }
        PrintWriter err = err();
        LoadedNet loaded = net.load();
        if (!OnnxExporter.unsupported(loaded.document().net()).isEmpty()) {
            throw CommandFailure.invalid("these layers cannot be exported to ONNX: "
                    + String.join(", ", OnnxExporter.unsupported(loaded.document().net())));
        }
        checkWeights(loaded);
        long seed = trainingOptions.seed();
        if (loaded.weights().isEmpty()) {
            err.println(name() + ": " + net.value() + " holds no weights; writing its initial values (seed "
                    + seed + ")");
            err.flush();
        }
        Path onnx = format.onnx;
        try {
            OnnxExport.write(loaded.document(), loaded.weights(), onnx, seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CommandFailure.invalid(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot write " + onnx + ": " + e.getMessage());
        }
        PrintWriter out = out();
        out.println("Wrote " + onnx);
        out.flush();
        return ExitCodes.OK;
    }

    private void checkWeights(LoadedNet loaded) {
        if (loaded.weights().isPresent() && !loaded.weights().get().isEmpty()) {
            weightsGate.check(net.value(), loaded.document().net(), loaded.weights().get());
        }
    }

    private Integer pytorch(Path dir) {
        if (data == null) {
            throw usage("--pytorch needs --data NAME: the project trains on the examples netstudio train would use");
        }
        TrainingOptions.Builder builder = trainingOptions.builder(this);
        LoadedNet loaded = net.load();
        NetDocument doc = loaded.document();
        List<String> opaque = PyTorchProject.unsupported(doc.net());
        if (!opaque.isEmpty()) {
            throw CommandFailure.invalid("these layers cannot be exported to PyTorch (imported ONNX operators): "
                    + String.join(", ", opaque));
        }
        NetFit.of(doc.net()).requireValid(net.value());
        checkWeights(loaded);
        TrainingOptions options;
        try {
            options = builder.schedule(schedule.schedule()).multipliers(freeze.resolve(doc)).build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        TrainingData examples;
        try {
            if (TextDatasets.textInput(doc.net()).isPresent()) {
                TextDatasets.TextData text = TextSource.open(data, doc.net(), new TextDatasets.Options(target, null,
                        TextTables.DEFAULT_WINDOW, TextTables.DEFAULT_WINDOW, trainingOptions.validation(),
                        trainingOptions.seed(), null), net.folder());
                doc = doc.withNet(text.net());
                examples = new TrainingData(data, text.table(), text.validation(), DataMapping.AUTOMATIC);
            } else {
                ExampleTable table = DataArgument.openTable(data, target, download, doc.net(), err());
                examples = TrainingData.of(data, table);
            }
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        Optional<String> mismatch = NetTrain.checkFit(doc.net(), examples.table(), examples.mapping());
        if (mismatch.isPresent()) {
            throw usage("--data " + data + ": " + mismatch.get());
        }
        Optional<Weights> weights = loaded.weights().filter(w -> !w.isEmpty());
        try {
            PyTorchProject.write(doc, weights, options, examples, dir);
        } catch (FileAlreadyExistsException e) {
            throw CommandFailure.unreadable(dir + " already exists and is not empty; give a new folder");
        } catch (IllegalArgumentException e) {
            throw CommandFailure.invalid(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot write " + dir + ": " + e.getMessage());
        }
        PrintWriter out = out();
        out.println("Wrote the PyTorch project " + dir + (weights.isPresent() ? " (with the net's weights)"
                : " (with the initial values NetStudio starts from, seed " + options.seed() + ")"));
        out.println("Train it there with: " + TorchrunLaunch.local(Path.of("python3"), 2).clusterCommand());
        out.flush();
        return ExitCodes.OK;
    }
}
