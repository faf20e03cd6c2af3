package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.TextTables;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.LearningRateFinder;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio lr-find NET --data NAME}: the learning-rate finder ({@link LearningRateFinder}):
 * the loss against a rising learning rate, as a small text plot or JSON, and the suggested rate. The
 * net file is not changed.
 */
@Command(name = "lr-find", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find a learning rate (fastai's lr_find): train briefly while the rate rises from 1e-7 to 10 over"
                + " 100 batches, stop when the loss explodes, and suggest a rate: the one where the smoothed loss is"
                + " lowest, divided by 10. Use the batch size and optimizer you will train with. The net and its"
                + " weights are not changed.",
            "Exit code 0: found; 1: the net is invalid or nothing can learn; 2: a wrong option, or a net or dataset that"
                + " cannot be read."})
public final class LrFindCommand extends Subcommand {

    /** Rows of the text plot. */
    private static final int ROWS = 20;
    /** Width of the text plot's bars. */
    private static final int BAR = 40;

    @Mixin
    private NetArgument.AnyNet net;

    @Mixin
    private DataOptions data;

    @Mixin
    private UpdateOptions update;

    @Mixin
    private FreezeOptions freeze;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        TrainingOptions.Builder builder = update.applyTo(TrainingOptions.builder(), this);
        LoadedNet loaded = net.load();
        NetFit.of(loaded.document().net()).requireValid(net.value());
        try {
            builder.multipliers(freeze.resolve(loaded.document()));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        NetNode trainee = loaded.document().net();
        ExampleTable table;
        try {
            if (TextDatasets.textInput(trainee).isPresent()) {
                TextDatasets.TextData text = TextSource.open(data.name(), trainee, new TextDatasets.Options(data.target(),
                        null, TextTables.DEFAULT_WINDOW, TextTables.DEFAULT_WINDOW, 0, update.seed(), null), net.folder());
                table = text.table();
                trainee = text.net();
            } else {
                table = data.openTable(trainee, err());
            }
        } catch (DataArgument.DataException e) {
            throw refused(e);
        }
        Optional<String> mismatch = NetTrain.checkFit(trainee, table, DataMapping.AUTOMATIC);
        if (mismatch.isPresent()) {
            throw usage("--data " + data.name() + ": " + mismatch.get());
        }
        Weights initial = loaded.weights().filter(w -> !w.isEmpty()).orElse(null);
        LearningRateFinder.Result result;
        try {
            result = LearningRateFinder.find(trainee, initial, table, DataMapping.AUTOMATIC, builder.build(), null);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.invalid(e.getMessage());
        }
        if (result.points().size() < 2) {
            throw CommandFailure.invalid(net.value() + ": the loss was not finite from the first batches on, so there is"
                    + " no curve to suggest a rate from");
        }
        json.print(out(), () -> toJson(result), out -> print(out, result));
        return ExitCodes.OK;
    }

    private static ObjectNode toJson(LearningRateFinder.Result r) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("suggestion", r.suggestion());
        o.put("minimumRate", r.minimumRate());
        o.put("steepestRate", r.steepestRate());
        o.put("exploded", r.exploded());
        ArrayNode points = o.putArray("points");
        for (LearningRateFinder.Point p : r.points()) {
            ObjectNode n = points.addObject();
            n.put("rate", p.rate());
            n.put("loss", p.loss());
            n.put("smoothed", p.smoothed());
        }
        return o;
    }

    private static void print(PrintWriter out, LearningRateFinder.Result r) {
        List<LearningRateFinder.Point> points = r.points();
        out.println(String.format(Locale.ROOT, "%d batches from %s to %s%s.", points.size(), rate(points.get(0).rate()),
                rate(points.get(points.size() - 1).rate()), r.exploded() ? ", where the loss exploded" : ""));
        double low = points.stream().mapToDouble(LearningRateFinder.Point::smoothed).min().orElse(0);
        double high = points.stream().mapToDouble(LearningRateFinder.Point::smoothed).filter(Double::isFinite).max()
                .orElse(low);
        out.println("  learning rate   smoothed loss");
        int step = Math.max(1, (points.size() + ROWS - 1) / ROWS);
        for (int i = 0; i < points.size(); i += step) {
            LearningRateFinder.Point p = points.get(i);
            int bar = high > low && Double.isFinite(p.smoothed())
                    ? (int) Math.round(BAR * (Math.min(p.smoothed(), high) - low) / (high - low)) : 0;
            String mark = p.rate() <= r.suggestion() && (i + step >= points.size()
                    || points.get(i + step).rate() > r.suggestion()) ? "  ← suggested" : "";
            out.println(String.format(Locale.ROOT, "  %-13s   %-10.4f %s%s", rate(p.rate()), p.smoothed(),
                    "#".repeat(bar + 1), mark));
        }
        out.println("Suggested learning rate: " + rate(r.suggestion()) + " (a tenth of " + rate(r.minimumRate())
                + ", where the smoothed loss is lowest; it falls fastest at " + rate(r.steepestRate()) + ").");
        out.flush();
    }

    /** A rate with 2 significant digits: 0.0032, 1.2e-05. */
    static String rate(double r) {
        return r >= 1e-3 && r < 1e4 ? new java.math.BigDecimal(r).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString() : String.format(Locale.ROOT, "%.1e", r);
    }
}
