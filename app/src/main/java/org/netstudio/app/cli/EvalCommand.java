package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.Evaluation;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.train.Metrics;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio eval NET.nsnet --data NAME [--json]}: loss and accuracy of a trained net on a
 * dataset's test split (or on the whole dataset when it has none), with per-class accuracy.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure a trained net on a dataset's test split (the whole dataset when it has none): loss;"
                + " for classes accuracy, top-5 accuracy (more than five classes), per-class precision, recall and F1"
                + " with their macro and weighted means, and the confusion matrix under the net's labels; for real"
                + " numbers mean squared and absolute error and R².",
            "Exit code 0: measured; 1: the net is invalid; 2: a wrong option, or a net or dataset that cannot be read."})
public final class EvalCommand extends TrainedNetCommand {

    @Mixin
    private DataOptions data;

    @Mixin
    private TextOptions text;

    @Override
    public Integer call() {
        LoadedNet loaded = net.load();
        Weights weights = net.trainedWeights(loaded);
        NetFit fit = NetFit.of(loaded.document().net());
        fit.requireValid(net.value());
        weightsGate.check(net.value(), loaded.document().net(), weights);
        if (TextDatasets.textInput(loaded.document().net()).isPresent() || DatasetSource.named(data.name())
                .filter(s -> s == DatasetSource.MAJORITY).isPresent()) {
            return evaluateTable(loaded.document().net(), weights, err());
        }
        Dataset dataset;
        try {
            dataset = data.open(loaded.document().net(), err());
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        Dataset measured = dataset.testSet().orElse(dataset);
        String mismatch = fit.mismatch(measured);
        if (mismatch != null) {
            throw usage("--data " + data.name() + ": " + mismatch);
        }
        Evaluation evaluation;
        try (NetRunner runner = NetRunner.load(loaded.document().net(), weights)) {
            evaluation = runner.evaluate(measured);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.unreadable(e.getMessage());
        }
        json.print(out(), () -> toJson(measured, evaluation), out -> print(out, measured, evaluation));
        return ExitCodes.OK;
    }

    /**
     * Sequences and text: the table the net reads (text through the net's own encoder, a plain text
     * in windows), its test split where it has one, measured as training measures its validation data.
     */
    private Integer evaluateTable(NetNode n, Weights weights, PrintWriter err) {
        ExampleTable table;
        try {
            if (TextDatasets.textInput(n).isPresent()) {
                table = TextSource.open(data.name(), n, text.reading(this, data.target(), null, 0, 0), net.folder())
                        .table();
            } else {
                table = data.openTable(n, err);
            }
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        ExampleTable measured = table.test().orElse(table);
        String name = TextDatasets.textInput(n).isPresent() ? String.valueOf(java.nio.file.Path.of(data.name()).getFileName())
                : measured.name();
        Metrics m;
        try {
            m = NetTrain.evaluate(n, weights, measured, DataMapping.AUTOMATIC);
        } catch (IllegalArgumentException e) {
            throw usage("--data " + data.name() + ": " + e.getMessage());
        }
        String of = TextDatasets.textInput(n).isPresent() && measured.classNames().isEmpty()
                ? " (of the next characters, at every position)" : "";
        json.print(out(), () -> summary(name, m), out -> {
            print(out, name, m, of);
            out.flush();
        });
        return ExitCodes.OK;
    }

    /** What every evaluation gives: the data, its examples, the loss, the accuracy and the further measures. */
    private static ObjectNode summary(String data, Metrics m) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("data", data);
        o.put("examples", m.examples());
        o.put("loss", m.loss());
        if (m.accuracy().isPresent()) {
            o.put("accuracy", m.accuracy().getAsDouble());
        } else {
            o.putNull("accuracy");
        }
        m.measures().forEach((measure, value) -> {
            if (measure != Measure.ACCURACY) {
                JsonOutput.putNumber(o, measure.id(), value);
            }
        });
        return o;
    }

    /** The lines of {@link #summary} for people; {@code accuracyNote} follows the accuracy. */
    private static void print(PrintWriter out, String data, Metrics m, String accuracyNote) {
        out.println(String.format(Locale.ROOT, "%s: %,d examples", data, m.examples()));
        out.println(String.format(Locale.ROOT, "%-19s %.4f", "loss", m.loss()));
        if (m.accuracy().isPresent()) {
            out.println(String.format(Locale.ROOT, "%-19s %.2f%%%s", "accuracy", 100 * m.accuracy().getAsDouble(),
                    accuracyNote));
        }
        m.measures().forEach((measure, value) -> {
            if (measure != Measure.ACCURACY) {
                out.println(String.format(Locale.ROOT, "%-19s %s", measure.inSentence(), measure.format(value)));
            }
        });
    }

    private static ObjectNode toJson(Dataset measured, Evaluation e) {
        Metrics m = e.metrics();
        ObjectNode o = summary(measured.name(), m);
        if (m.accuracy().isPresent()) {
            ConfusionMatrix matrix = e.confusion();
            ArrayNode classes = o.putArray("classes");
            for (int c = 0; c < matrix.size(); c++) {
                ObjectNode k = classes.addObject();
                k.put("name", matrix.classNames().get(c));
                k.put("examples", matrix.rowTotal(c));
                JsonOutput.putNumber(k, "accuracy", matrix.classAccuracy(c));
                JsonOutput.putNumber(k, "precision", matrix.precision(c));
                JsonOutput.putNumber(k, "recall", matrix.recall(c));
                JsonOutput.putNumber(k, "f1", matrix.f1(c));
            }
            ObjectNode macro = o.putObject("macroAverage");
            JsonOutput.putNumber(macro, "precision", matrix.macroPrecision());
            JsonOutput.putNumber(macro, "recall", matrix.macroRecall());
            JsonOutput.putNumber(macro, "f1", matrix.macroF1());
            JsonOutput.putNumber(o.putObject("weightedAverage"), "f1", matrix.weightedF1());
            ObjectNode confusion = o.putObject("confusion");
            ArrayNode labels = confusion.putArray("labels");
            matrix.classNames().forEach(labels::add);
            ArrayNode rows = confusion.putArray("counts");
            for (int t = 0; t < matrix.size(); t++) {
                ArrayNode row = rows.addArray();
                for (int p = 0; p < matrix.size(); p++) {
                    row.add(matrix.count(t, p));
                }
            }
        }
        return o;
    }

    private static void print(PrintWriter out, Dataset measured, Evaluation e) {
        Metrics m = e.metrics();
        print(out, measured.name(), m, "");
        if (m.accuracy().isPresent()) {
            ConfusionMatrix matrix = e.confusion();
            out.println();
            int width = Math.max(13, matrix.classNames().stream().mapToInt(String::length).max().orElse(5));
            String row = "%-" + width + "s  %8s  %8s  %9s  %8s  %8s";
            out.println(String.format(Locale.ROOT, row, "class", "examples", "accuracy", "precision", "recall", "F1"));
            for (int c = 0; c < matrix.size(); c++) {
                out.println(String.format(Locale.ROOT, row, matrix.classNames().get(c),
                        String.format(Locale.ROOT, "%,d", matrix.rowTotal(c)), percent(matrix.classAccuracy(c)),
                        decimal(matrix.precision(c)), decimal(matrix.recall(c)), decimal(matrix.f1(c))));
            }
            out.println(String.format(Locale.ROOT, row, "macro average", "", "", decimal(matrix.macroPrecision()),
                    decimal(matrix.macroRecall()), decimal(matrix.macroF1())));
            out.println(String.format(Locale.ROOT, row, "weighted", "", "", "", "", decimal(matrix.weightedF1())));
        }
        out.flush();
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
