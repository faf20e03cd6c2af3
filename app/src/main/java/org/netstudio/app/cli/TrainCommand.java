package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.torchrun.PyTorchProject;
import org.netstudio.engine.torchrun.TorchrunJob;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import org.netstudio.engine.torchrun.TrainingData;
import org.netstudio.engine.train.DivergenceWatch;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.edit.SetImageAugmentation;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio train NET --data NAME [options]}: trains a net with NetTrain, shows its progress,
 * keeps the best net on validation, and saves it to {@code --out} or beside the net ({@link
 * TrainedNetFile}), naming the file in its last line. Ctrl+C or SIGTERM stops training and still
 * saves the best net so far; the JVM then exits with the signal's code (130, 143).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a net on a dataset and keep the best epoch on validation.",
            "Exit code 0: trained; 1: the net is invalid or training failed (e.g. a NaN loss); 2: a wrong option, or "
                + "a net or dataset that cannot be read; 130 (Ctrl+C) or 143 (SIGTERM): stopped, with the best net "
                + "so far saved."})
public final class TrainCommand extends Subcommand {

    @Mixin
    private NetArgument.AnyNet net;

    @Option(names = "--data", required = true, paramLabel = "NAME", description = DataArgument.DESCRIPTION)
    private String data;

    @Option(names = "--target", paramLabel = "[OUTPUT=]COLUMN",
            description = "The column a CSV file's net predicts; OUTPUT=COLUMN trains that output of a net with several "
                    + "against the column (repeat for each).")
    private List<String> targets = new ArrayList<>();

    @Mixin
    private TextOptions textOptions;

    @Option(names = "--stride", paramLabel = "N",
            description = "For a net trained on a plain text: from one window to the next (default: the window length).")
    private Integer stride;

    @Option(names = "--input", paramLabel = "INPUT=COLUMN",
            description = "Feeds the net's input from a column of the data (repeat for each input); inputs left out are "
                    + "fed by the column of the same name, or a single input by the data's features.")
    private Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--loss-weight", paramLabel = "PORT=W",
            description = "How much the loss of an output (or a loss output of the net) counts in the sum (default 1).")
    private Map<String, Double> lossWeights = new LinkedHashMap<>();

    @Mixin
    private TrainingOptionsMixin trainingOptions;

    @Option(names = "--augment", paramLabel = "TEXT",
            description = "How training varies the pictures of the net's Image inputs, e.g. \"crop 4, flip, rotation"
                    + " 10, brightness 0.1, contrast 0.1\", or none; replaces what the net says and is saved with it."
                    + " Validation sees the pictures as they are.")
    private String augment;

    /** --augment, read up front. */
    private ImageAugmentation augmentation;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.nsnet",
            description = "Where to save the trained net (default: NET-trained.nsnet beside the net, in the current folder"
                    + " for a gallery id; never over an existing file).")
    private Path out;

    @Option(names = "--download", description = "Download Fashion-MNIST or MNIST from their official source when not on disk.")
    private boolean download;

    @Mixin
    private ScheduleOptions schedule;

    @Mixin
    private FreezeOptions freeze;

    @Mixin
    private JsonOption json;

    @Mixin
    private RunOptions runs;

    @Mixin
    private TorchrunOptions engine;

    @Option(names = WeightsGate.ALLOW_OPTION, description = "Save the trained net even when its weights hold NaN or"
            + " infinite values.")
    private boolean allowNonFinite;

    /** Warns (once) when the loss grows by orders of magnitude; its warning also goes into --json. */
    private DivergenceWatch divergence;

    @Override
    public Integer call() {
        PrintWriter err = err();
        TrainingOptions.Builder builder = checkedOptions();
        checkOut();
        LoadedNet loaded = net.load();
        NetFit.of(loaded.document().net()).requireValid(net.value());
        try {
            builder.schedule(schedule.schedule()).multipliers(freeze.resolve(loaded.document()));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        DataMapping mapping = mapping();
        ExampleTable table;
        // A net that reads text gets its alphabet or vocabulary built from the data it trains on.
        TextDatasets.TextData text = null;
        try {
            if (TextDatasets.textInput(loaded.document().net()).isPresent()) {
                text = TextSource.open(data, loaded.document().net(), textOptions.reading(this, csvTarget(), stride,
                        trainingOptions.validation(), trainingOptions.seed()), net.folder());
                table = text.table();
            } else {
                table = DataArgument.openTable(data, csvTarget(), download, loaded.document().net(), err);
            }
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        NetNode trainee = augmented(text != null ? text.net() : loaded.document().net());
        Optional<String> mismatch = NetTrain.checkFit(trainee, table, mapping);
        if (mismatch.isPresent()) {
            throw usage("--data " + data + ": " + mismatch.get());
        }
        TrainingOptions options;
        try {
            options = builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        GradientReach reach = GradientReach.of(trainee);
        if (reach.nothingLearns()) {
            throw CommandFailure.invalid(net.value() + ": training would change nothing: " + reach.describe().orElseThrow());
        }
        reach.describe().ifPresent(d -> err.println("warning: " + d));
        Weights initial = loaded.weights().filter(w -> !w.isEmpty()).orElse(null);
        if (engine.isTorchrun()) {
            return torchrun(loaded.document().withNet(trainee), initial, table, text == null ? null : text.validation(),
                    mapping, options, err);
        }
        options = runs.begin(options, loaded.document().withNet(trainee), initial, data, net.value(), err);
        PreparedTraining training;
        try {
            training = NetTrain.prepare(trainee, initial, table, text == null ? null : text.validation(), mapping,
                    options);
        } catch (IllegalArgumentException e) {
            runs.abandon(e.getMessage());
            throw CommandFailure.invalid(e.getMessage());
        }
        runs.attach(training);
        if (initial != null) {
            List<String> fresh = training.freshArrays();
            err.println("Starting from the weights in " + net.value() + (fresh.isEmpty() ? "." : "; "
                    + fresh.size() + (fresh.size() == 1 ? " array starts" : " arrays start")
                    + " from initial values (a new or resized layer the weights do not fit): "
                    + String.join(", ", fresh.stream().limit(6).toList()) + (fresh.size() > 6 ? ", …" : "") + "."));
        }
        if (!options.multipliers().isEmpty()) {
            err.println("Learning-rate multipliers: " + FreezeOptions.describe(options.multipliers()) + ".");
        }
        if (showsBinding(training.binding())) {
            training.binding().describe().forEach(line -> err.println("Data: " + line));
        }
        long trainExamples = text != null && text.validation() != null ? table.size()
                : table.size() - ValidationSplit.validationCount(table.size(), trainingOptions.validation());
        ProgressLine progress = new ProgressLine(err, System.console() != null, trainExamples);
        training.addListener(progress);
        divergence = new DivergenceWatch(w -> progress.warn(w.message()));
        training.addListener(divergence);
        // Ctrl+C: stop before the next batch, then let the command save the best net and report.
        return StopOnInterrupt.run("netstudio-train-stop", training::stop,
                () -> finish(training.run(), table, mapping, loaded.document().withNet(trainee), progress, err));
    }

    /**
     * --engine torchrun: the net exported as a PyTorch project in a new temporary folder, trained there
     * by torchrun; its progress shown as NetStudio's own, its best weights saved (and measured on the
     * test split) as NetStudio's would be.
     */
    private Integer torchrun(NetDocument trainee, Weights initial, ExampleTable table, ExampleTable validation,
                             DataMapping mapping, TrainingOptions options, PrintWriter err) {
        Path py = engine.python();
        int processes = engine.processes();
        Path project;
        try {
            project = Files.createTempDirectory("netstudio-torchrun-").resolve("project");
            PyTorchProject.write(trainee, Optional.ofNullable(initial), options,
                    new TrainingData(data, table, validation, mapping), project);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.invalid(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot write the PyTorch project: " + e.getMessage());
        }
        err.println("Training with PyTorch: torchrun, " + processes + " process" + (processes == 1 ? "" : "es")
                + ", " + py + "; the project and its run are in " + project);
        long trainExamples = validation != null ? table.size()
                : table.size() - ValidationSplit.validationCount(table.size(), options.validationFraction());
        ProgressLine progress = new ProgressLine(err, System.console() != null, trainExamples);
        divergence = new DivergenceWatch(w -> progress.warn(w.message()));
        TorchrunJob job;
        try {
            job = TorchrunJob.start(project, TorchrunLaunch.local(py, processes), e -> {
                progress.onEvent(e);
                divergence.onEvent(e);
            });
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot start " + py + ": " + e.getMessage());
        }
        return StopOnInterrupt.run("netstudio-train-stop", job::stop, () -> {
            TrainingResult result = job.result().join();
            Weights best = Weights.EMPTY;
            if (Files.isRegularFile(job.bestWeights())) {
                try {
                    best = Safetensors.read(job.bestWeights());
                } catch (IOException e) {
                    err.println(name() + ": " + e.getMessage());
                }
            }
            job.test().flatMap(TrainCommand::accuracy).ifPresent(a -> err.println(String.format(Locale.ROOT,
                    "PyTorch measured a test accuracy of %.2f%%", 100 * a)));
            return finish(new TrainedNet(trainee.net(), best, result), table, mapping, trainee, progress, err);
        });
    }

    /** The net with --augment's variation on its Image inputs, or as it is without the option. */
    private NetNode augmented(NetNode n) {
        if (augmentation == null) {
            return n;
        }
        try {
            return new SetImageAugmentation(augmentation).apply(new NetDocument("", n, null)).net();
        } catch (IllegalArgumentException e) {
            throw usage("--augment " + augment + ": " + e.getMessage());
        }
    }

    private Integer finish(TrainedNet trained, ExampleTable table, DataMapping mapping, NetDocument document,
                           ProgressLine progress, PrintWriter err) {
        progress.finish();
        TrainingResult result = trained.result();
        boolean usable = !trained.weights().isEmpty() && (!result.failed() || result.bestEpoch() > 0);
        OptionalMetrics test = new OptionalMetrics(null);
        if (usable && table.test().isPresent()) {
            try {
                test = new OptionalMetrics(NetTrain.evaluate(trained.net(), trained.weights(), table.test().get(), mapping));
            } catch (RuntimeException e) {
                err.println(name() + ": could not evaluate on the test split: " + e.getMessage());
            }
        }
        TrainedNetFile savedTo = null;
        Optional<String> nonFinite = usable ? NonFiniteValues.describe(trained.weights()) : Optional.empty();
        if (usable && nonFinite.isPresent() && !allowNonFinite) {
            err.println(name() + ": not saving the trained net: its " + nonFinite.get() + "; pass "
                    + WeightsGate.ALLOW_OPTION + " to save it anyway");
            usable = false;
        }
        if (usable) {
            // Without --out, beside the net under a name no earlier result has.
            TrainedNetFile file = out != null ? new TrainedNetFile(out, null) : TrainedNetFile.beside(net.value());
            try {
                NetFiles.write(file.path(), document, trained.weights());
                savedTo = file;
            } catch (IOException | RuntimeException e) {
                throw CommandFailure.unreadable("cannot save " + file.path() + ": " + e.getMessage());
            }
        }
        if (result.failed()) {
            err.println(name() + ": " + result.message());
            err.println(savedTo != null ? "Saved the best net so far (epoch " + result.bestEpoch() + ") to " + savedTo.path()
                    : "Nothing was saved: no epoch completed.");
        }
        runs.report(err);
        if (json.on()) {
            ObjectNode o = toJson(result, test, savedTo);
            runs.recorder().ifPresent(r -> o.put("run", r.id()));
            JsonOutput.print(out(), o);
        } else {
            printSummary(out(), result, test, savedTo);
        }
        err.flush();
        return result.failed() || nonFinite.isPresent() && savedTo == null ? ExitCodes.INVALID : ExitCodes.OK;
    }

    /** The test split's metrics, when there is one. */
    private record OptionalMetrics(Metrics measured) {
        Optional<Metrics> metrics() {
            return Optional.ofNullable(measured);
        }
    }

    /** The mapping the options give: inputs, OUTPUT=COLUMN targets and loss weights. */
    private DataMapping mapping() {
        DataMapping m = new DataMapping(inputs, Map.of(), lossWeights);
        for (String t : targets) {
            int eq = t.indexOf('=');
            if (eq > 0) {
                m = m.withTarget(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
            }
        }
        try {
            return new DataMapping(m.inputs(), m.targets(), m.lossWeights());
        } catch (IllegalArgumentException e) {
            throw usage("--loss-weight: " + e.getMessage());
        }
    }

    /** The column a CSV file's targets come from: a bare --target, or the column of a single OUTPUT=COLUMN. */
    private String csvTarget() {
        List<String> bare = targets.stream().filter(t -> t.indexOf('=') <= 0).toList();
        if (bare.size() > 1) {
            throw usage("--target " + bare.get(1) + ": give one bare target column; for several outputs use "
                    + "OUTPUT=COLUMN");
        }
        if (!bare.isEmpty()) {
            return bare.get(0).strip();
        }
        return targets.size() == 1 ? targets.get(0).substring(targets.get(0).indexOf('=') + 1).strip() : null;
    }

    /** Whether the mapping is worth a line each: more than one input or output, own losses, or a chosen mapping. */
    private boolean showsBinding(Binding binding) {
        return binding.inputs().size() > 1 || binding.targets().size() != 1 || !binding.ownLosses().isEmpty()
                || !inputs.isEmpty() || targets.stream().anyMatch(t -> t.indexOf('=') > 0);
    }

    private ObjectNode toJson(TrainingResult r, OptionalMetrics test, TrainedNetFile savedTo) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        Optional<EpochMetrics> best = r.finalMetrics();
        o.put("epochs", r.epochsCompleted());
        o.put("bestEpoch", r.bestEpoch());
        putNumber(o, "trainLoss", best.map(m -> m.training().loss()));
        putNumber(o, "trainAccuracy", best.flatMap(m -> accuracy(m.training())));
        putNumber(o, "validationLoss", best.flatMap(m -> m.validation().map(Metrics::loss)));
        putNumber(o, "validationAccuracy", best.flatMap(m -> m.validation().flatMap(TrainCommand::accuracy)));
        putNumber(o, "testLoss", test.metrics().map(Metrics::loss));
        putNumber(o, "testAccuracy", test.metrics().flatMap(TrainCommand::accuracy));
        putMeasures(o, "trainMeasures", best.map(EpochMetrics::training));
        putMeasures(o, "validationMeasures", best.flatMap(EpochMetrics::validation));
        putMeasures(o, "testMeasures", test.metrics());
        o.put("samplesPerSecond", r.samplesPerSecond());
        o.put("seconds", r.totalSeconds());
        o.put("trainingSeconds", r.trainingSeconds());
        o.put("stopReason", r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("message", r.message());
        if (r.failed()) {
            o.put("error", r.message());
        }
        r.nonFiniteAt().ifPresent(node -> o.put("nonFiniteNode", node.toString()));
        divergence.warning().ifPresent(w -> o.put("warning", w.message()));
        if (savedTo != null) {
            o.put("out", savedTo.path().toString());
        } else {
            o.putNull("out");
        }
        return o;
    }

    /** The measures beyond loss ({@code accuracy}, {@code macroF1}, {@code r2}, …) by their ids, or null. */
    private static void putMeasures(ObjectNode o, String key, Optional<Metrics> metrics) {
        if (metrics.isEmpty() || metrics.get().measures().isEmpty()) {
            o.putNull(key);
            return;
        }
        ObjectNode measures = o.putObject(key);
        metrics.get().measures().forEach((m, v) -> putNumber(measures, m.id(), Optional.of(v)));
    }

    private static Optional<Double> accuracy(Metrics m) {
        return m.accuracy().isPresent() ? Optional.of(m.accuracy().getAsDouble()) : Optional.empty();
    }

    private static void putNumber(ObjectNode o, String key, Optional<Double> value) {
        JsonOutput.putNumber(o, key, value.orElse(Double.NaN));
    }

    private static void printSummary(PrintWriter out, TrainingResult r, OptionalMetrics test, TrainedNetFile savedTo) {
        out.println(r.message() + ".");
        r.finalMetrics().ifPresent(m -> {
            out.println("Best epoch " + m.epoch() + ": train " + m.training().describe()
                    + m.validation().map(v -> "; validation " + v.describe()).orElse(""));
            Metrics shown = m.validation().orElse(m.training());
            String measures = shown.describeMeasures();
            if (!measures.isEmpty()) {
                out.println((m.validation().isPresent() ? "Validation: " : "Training: ") + measures);
            }
        });
        test.metrics().ifPresent(m -> out.println("Test split: " + m.describe()));
        out.println(String.format(Locale.ROOT, "%,.0f samples/s in the training loop; %.1f s in all.",
                r.samplesPerSecond(), r.totalSeconds()));
        if (savedTo != null) {
            out.println("Saved to " + savedTo.describe() + (r.stopReason() == StopReason.STOPPED ? " (the best net so far)." : "."));
        }
        out.flush();
    }

    /** Validates every option up front, naming the option, so that nothing runs or is written on a mistake. */
    private TrainingOptions.Builder checkedOptions() {
        textOptions.window(this);
        if (stride != null && stride < 1) {
            throw usage("--stride must be at least 1, but was " + stride);
        }
        try {
            augmentation = augment == null ? null : ImageAugmentation.parseText(augment);
        } catch (IllegalArgumentException e) {
            throw usage("--augment " + augment + ": " + e.getMessage());
        }
        engine.check(this);
        return trainingOptions.builder(this);
    }

    private void checkOut() {
        if (out != null) {
            TrainedNetFile.problem(out).ifPresent(p -> {
                throw usage(p);
            });
        }
    }
}
