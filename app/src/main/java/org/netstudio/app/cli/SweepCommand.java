package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.runs.RunRecorder;
import org.netstudio.engine.runs.RunStore;
import org.netstudio.engine.runs.RunSubject;
import org.netstudio.engine.sweep.ConfiguredTrial;
import org.netstudio.engine.sweep.MedianStoppingRule;
import org.netstudio.engine.sweep.Sampling;
import org.netstudio.engine.sweep.SearchSpace;
import org.netstudio.engine.sweep.Sweep;
import org.netstudio.engine.sweep.SweepListener;
import org.netstudio.engine.sweep.SweepResult;
import org.netstudio.engine.sweep.SweepSpecException;
import org.netstudio.engine.sweep.Trial;
import org.netstudio.engine.sweep.TrialResult;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.net.NetDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio sweep NET --data NAME --vary SPEC... [--trials N] [--grid|--random]}: trains the
 * net once per trial of a search space ({@link Sweep}), prints a line per trial and the table, and
 * saves the best trial's net and weights. Ctrl+C stops the sweep and still saves the best so far.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a net once per trial over a search space of training options and layer parameters, "
                + "and keep the trial that validates best (the highest validation accuracy for classes, else the "
                + "lowest validation loss).",
            "Exit code 0: swept; 1: the net is invalid or no trial completed an epoch; 2: a wrong option or --vary, or "
                + "a net or dataset that cannot be read; 130 (Ctrl+C): stopped, with the best net so far saved."})
public final class SweepCommand extends Subcommand {

    @Mixin
    private NetArgument.AnyNet net;

    @Mixin
    private DataOptions data;

    @Mixin
    private TextOptions textOptions;

    @Option(names = "--vary", required = true, paramLabel = "NAME=VALUES",
            description = "What to vary (repeat for each): an option (learningRate, batchSize, epochs, momentum, "
                    + "optimizer), dropout (the rate of every Dropout layer) or LAYER.PARAMETER (linear1.units); "
                    + "VALUES is a list (16,32,64) or a range LOW..HIGH, on a log scale with :log, whole numbers "
                    + "with :int. E.g. learningRate=1e-4..1e-1:log.")
    private List<String> vary = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N", defaultValue = "" + Sweep.DEFAULT_TRIALS,
            description = "The trial budget (default ${DEFAULT-VALUE}); a grid may need fewer.")
    private int trials;

    @Option(names = "--grid", description = "Every combination: lists as given, each range at evenly spaced points, "
            + "as many as the budget allows.")
    private boolean grid;

    @Option(names = "--random", description = "Seeded random draws from each range and list (the default).")
    private boolean random;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Sweep.DEFAULT_PARALLEL,
            description = "Trials trained at once (default ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--no-pruning", description = "Train every trial to the end instead of stopping one that, from "
            + "epoch " + MedianStoppingRule.DEFAULT_GRACE_EPOCHS + " on, validates worse than the median of the "
            + "trials before it at the same epoch.")
    private boolean noPruning;

    @Mixin
    private TrainingOptionsMixin trainingOptions;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.nsnet",
            description = "Where to save the best trial's net and weights (default: NET-sweep-best.nsnet beside the "
                    + "net, in the current folder for a gallery id; never over an existing file).")
    private Path out;

    @Mixin
    private RunsFolderOption runs;

    @Option(names = "--no-record", description = "Do not record the trials as runs (by default each trial is a run, "
            + "its origin \"sweep ID trial N\").")
    private boolean noRecord;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        PrintWriter err = err();
        if (grid && random) {
            throw usage("--grid and --random exclude each other; give one");
        }
        if (trials < 1) {
            throw usage("--trials must be at least 1, but was " + trials);
        }
        if (parallel < 1) {
            throw usage("--parallel must be at least 1, but was " + parallel);
        }
        if (out != null) {
            TrainedNetFile.problem(out).ifPresent(p -> {
                throw usage(p);
            });
        }
        TrainingOptions options;
        try {
            options = trainingOptions.builder(this).build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        LoadedNet loaded = net.load();
        NetFit.of(loaded.document().net()).requireValid(net.value());
        SearchSpace space;
        try {
            space = SearchSpace.parse(vary, loaded.document().net());
        } catch (SweepSpecException e) {
            throw usage("--vary " + e.getMessage());
        }
        NetDocument swept = loaded.document();
        ExampleTable table;
        ExampleTable validation = null;
        try {
            // A net that reads text gets its alphabet or vocabulary from the data, and the same split, as in train.
            if (TextDatasets.textInput(swept.net()).isPresent()) {
                TextDatasets.TextData text = TextSource.open(data.name(), swept.net(), textOptions.reading(this,
                        data.target(), null, trainingOptions.validation(), trainingOptions.seed()), net.folder());
                table = text.table();
                validation = text.validation();
                swept = swept.withNet(text.net());
            } else {
                table = data.openTable(swept.net(), err);
            }
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        NetTrain.checkFit(swept.net(), table, DataMapping.AUTOMATIC).ifPresent(m -> {
            throw usage("--data " + data.name() + ": " + m);
        });
        AtomicInteger done = new AtomicInteger();
        RunStore store = noRecord ? null : runs.store();
        NetDocument named = RunOptions.named(swept, net.value());
        Sweep sweep = Sweep.on(swept, table, validation, DataMapping.AUTOMATIC, options).space(space)
                .sampling(grid ? Sampling.GRID : Sampling.RANDOM).trials(trials).parallel(parallel)
                .stoppingRule(noPruning ? null : MedianStoppingRule.standard())
                .listener(new SweepListener() {
                    @Override
                    public void trialStarted(ConfiguredTrial trial, PreparedTraining training) {
                        if (store == null) {
                            return;
                        }
                        // Each trial is a run of its own, which says which sweep and trial it was.
                        try {
                            RunRecorder.record(training, store, new RunSubject(named.withNet(trial.document().net()),
                                    null, data.name(), "", trial.trial().origin(), List.of("sweep " + trial.trial().sweepId())));
                        } catch (IOException e) {
                            synchronized (err) {
                                err.println("warning: trial " + trial.trial().number() + " is not recorded: "
                                        + e.getMessage());
                            }
                        }
                    }

                    @Override
                    public void trialEnded(TrialResult row) {
                        synchronized (err) {
                            err.println(progressLine(row, done.incrementAndGet()));
                            err.flush();
                        }
                    }
                }).build();
        err.println("Sweep " + sweep.id() + ": " + sweep.trials().size() + " trials of " + String.join(", ", space.names())
                + (parallel > 1 ? ", " + parallel + " at once" : "") + ".");
        return StopOnInterrupt.run("netstudio-sweep-stop", sweep::stop,
                () -> finish(sweep.run(), sweep.trials().size()));
    }

    private Integer finish(SweepResult result, int planned) {
        TrainedNetFile savedTo = null;
        if (result.best().isPresent()) {
            SweepResult.Best best = result.best().get();
            TrainedNetFile file = out != null ? new TrainedNetFile(out, null) : TrainedNetFile.beside(net.value(), "sweep-best");
            try {
                NetFiles.write(file.path(), best.document(), best.trained().weights());
                savedTo = file;
            } catch (IOException | RuntimeException e) {
                throw CommandFailure.unreadable("cannot save " + file.path() + ": " + e.getMessage());
            }
        }
        TrainedNetFile saved = savedTo;
        json.print(out(), () -> toJson(result, saved), printer -> printTable(printer, result, planned, saved));
        if (result.best().isEmpty()) {
            err().println(name() + ": no trial completed an epoch; nothing was saved");
            err().flush();
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }

    /** "trial 3/12  learningRate=0.01234  validation loss 0.2345, accuracy 93.1%  5 epochs, completed, 1.2 s" */
    private String progressLine(TrialResult r, int done) {
        return String.format(Locale.ROOT, "trial %d (%d done)  %s  %s  %d epoch%s, %s, %.1f s", r.trial().number(), done,
                r.trial().describe(), r.ranked() ? "validation " + metrics(r) : "no result", r.epochs(),
                r.epochs() == 1 ? "" : "s", r.status().word(), r.seconds())
                + (r.status() == org.netstudio.engine.sweep.TrialStatus.FAILED ? ": " + r.message() : "");
    }

    private static String metrics(TrialResult r) {
        return String.format(Locale.ROOT, "loss %.4f", r.validationLoss())
                + (r.validationAccuracy().isPresent() ? String.format(Locale.ROOT, ", accuracy %.1f%%",
                100 * r.validationAccuracy().getAsDouble()) : "");
    }

    private static void printTable(PrintWriter out, SweepResult result, int planned, TrainedNetFile savedTo) {
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(result.space().names());
        header.addAll(List.of("val loss", "val accuracy", "epochs", "status"));
        List<List<String>> rows = new ArrayList<>();
        int bestNumber = result.best().map(b -> b.result().trial().number()).orElse(-1);
        for (TrialResult r : result.trials()) {
            List<String> row = new ArrayList<>();
            row.add(r.trial().number() + (r.trial().number() == bestNumber ? " *" : ""));
            for (String name : result.space().names()) {
                row.add(Trial.format(r.trial().values().get(name)));
            }
            row.add(r.ranked() ? String.format(Locale.ROOT, "%.4f", r.validationLoss()) : "-");
            row.add(r.validationAccuracy().isPresent()
                    ? String.format(Locale.ROOT, "%.1f%%", 100 * r.validationAccuracy().getAsDouble()) : "-");
            row.add(Integer.toString(r.epochs()));
            row.add(r.status().word());
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(header, widths));
        rows.forEach(r -> out.println(line(r, widths)));
        if (result.stopped()) {
            out.println("Stopped after " + result.trials().size() + " of " + planned + " trials.");
        }
        result.best().ifPresent(b -> out.println("Best: trial " + b.result().trial().number() + ", "
                + b.result().trial().describe() + " (validation " + metrics(b.result()) + ")."));
        if (savedTo != null) {
            out.println("Saved the best net to " + savedTo.describe() + ".");
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            b.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c)));
        }
        return b.toString().stripTrailing();
    }

    private static ObjectNode toJson(SweepResult result, TrainedNetFile savedTo) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("sweep", result.sweepId());
        o.put("stopped", result.stopped());
        ArrayNode rows = o.putArray("trials");
        for (TrialResult r : result.trials()) {
            rows.add(trialJson(r));
        }
        if (result.best().isPresent()) {
            o.set("best", trialJson(result.best().get().result()));
        } else {
            o.putNull("best");
        }
        if (savedTo != null) {
            o.put("out", savedTo.path().toString());
        } else {
            o.putNull("out");
        }
        return o;
    }

    private static ObjectNode trialJson(TrialResult r) {
        ObjectNode t = JsonOutput.NODES.objectNode();
        t.put("trial", r.trial().number());
        ObjectNode values = t.putObject("values");
        for (Map.Entry<String, Object> e : r.trial().values().entrySet()) {
            if (e.getValue() instanceof Integer i) {
                values.put(e.getKey(), i);
            } else if (e.getValue() instanceof Double d) {
                values.put(e.getKey(), d);
            } else {
                values.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        if (r.ranked()) {
            t.put("validationLoss", r.validationLoss());
        } else {
            t.putNull("validationLoss");
        }
        if (r.validationAccuracy().isPresent()) {
            t.put("validationAccuracy", r.validationAccuracy().getAsDouble());
        } else {
            t.putNull("validationAccuracy");
        }
        t.put("epochs", r.epochs());
        t.put("status", r.status().word());
        t.put("seconds", r.seconds());
        t.put("message", r.message());
        return t;
    }
}
