package org.netstudio.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import picocli.CommandLine.Option;

/**
 * {@code --freeze} and {@code --learning-rate-multiplier} (a picocli mixin): per-run learning-rate
 * multipliers laid on top of those the net file keeps, without changing the file.
 */
final class FreezeOptions {

    @Option(names = "--freeze", paramLabel = "PATH", split = ",",
            description = "Freeze these layers or containers for this run (learning-rate multiplier 0: their arrays do "
                    + "not change, a frozen BatchNorm keeps its statistics), on top of what the net file says.")
    private List<String> freeze = new ArrayList<>();

    @Option(names = "--learning-rate-multiplier", paramLabel = "PATH=X",
            description = "Multiply the learning rate of this layer or container (and the layers inside it) by X ≥ 0 "
                    + "for this run; repeat for several. The most specific path wins.")
    private Map<String, String> multipliers = new LinkedHashMap<>();

    /**
     * The run's multipliers: the document's with these options on top.
     *
     * @throws IllegalArgumentException naming the option and the path or value that is wrong
     */
    LearningRateMultipliers resolve(NetDocument doc) {
        Map<NodePath, Double> overrides = new LinkedHashMap<>();
        for (String p : freeze) {
            overrides.put(existing(doc, "--freeze", p.strip()), 0.0);
        }
        for (Map.Entry<String, String> e : multipliers.entrySet()) {
            NodePath path = existing(doc, "--learning-rate-multiplier", e.getKey().strip());
            double factor;
            try {
                factor = Double.parseDouble(e.getValue().strip());
            } catch (NumberFormatException x) {
                factor = Double.NaN;
            }
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("--learning-rate-multiplier " + e.getKey() + "=" + e.getValue()
                        + ": a multiplier is a number of 0 (frozen) or more");
            }
            overrides.put(path, factor);
        }
        return doc.multipliers().overriddenBy(new LearningRateMultipliers(overrides));
    }

    private static NodePath existing(NetDocument doc, String option, String text) {
        NodePath path = NodePath.parse(text);
        if (NetPaths.find(doc.net(), path).isEmpty()) {
            throw new IllegalArgumentException(option + " " + text + ": the net has no node '" + text
                    + "' (give a layer's or container's path, e.g. block1/conv1; `netstudio info` lists them)");
        }
        return path;
    }

    /** One line naming the multipliers other than 1, e.g. "trunk ×0 (frozen), head ×0.1", or empty for none. */
    static String describe(LearningRateMultipliers m) {
        List<String> parts = new ArrayList<>();
        m.factors().forEach((path, f) -> parts.add((path.isRoot() ? "the whole net" : path.toString()) + " ×"
                + format(f) + (f == 0 ? " (frozen)" : "")));
        return String.join(", ", parts);
    }

    private static String format(double f) {
        return f == Math.rint(f) && Math.abs(f) < 1e6 ? Long.toString((long) f) : String.format(Locale.ROOT, "%s", f);
    }
}
