package org.netstudio.engine.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.netstudio.netgraph.net.NetNode;

/**
 * What a sweep varies: one {@link Dimension} per name, in the order given. Parsed from the text the
 * command line's {@code --vary} and the sweep view share, one {@code NAME=VALUES} per dimension:
 * <ul>
 * <li>{@code learningRate=1e-4..1e-1:log}: an interval, sampled evenly on a log scale;</li>
 * <li>{@code dropout=0.1..0.5}: an interval on a linear scale (here the rate of every Dropout layer);</li>
 * <li>{@code batchSize=16,32,64}: a list of values;</li>
 * <li>{@code linear1.units=16..128:int}: a layer parameter, by the layer's path and the
 *     parameter's name; {@code :int} rounds to whole numbers (implied for whole-number options and
 *     parameters).</li>
 * </ul>
 *
 * @param dimensions the dimensions, at least one, each name once
 */
public record SearchSpace(List<Dimension> dimensions) {

    /** Copies the list and checks it. */
    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new SweepSpecException("A sweep needs at least one thing to vary, e.g. learningRate=1e-4..1e-1:log");
        }
        Set<String> seen = new HashSet<>();
        for (Dimension d : dimensions) {
            if (!seen.add(d.name())) {
                throw new SweepSpecException("'" + d.name() + "' is varied twice; give it once with all its values");
            }
        }
    }

    /**
     * Parses specs against a net (layer paths and parameters are checked against it).
     *
     * @param specs one {@code NAME=VALUES} text per dimension
     * @param net the net the sweep trains
     * @return the space
     * @throws SweepSpecException quoting the bad part, with the known names or the closest layers
     */
    public static SearchSpace parse(List<String> specs, NetNode net) {
        SpaceParser parser = new SpaceParser(net);
        List<Dimension> dims = new ArrayList<>();
        for (String spec : specs) {
            dims.add(parser.parse(spec));
        }
        return new SearchSpace(dims);
    }

    /** The dimensions' names, in order. */
    public List<String> names() {
        return dimensions.stream().map(Dimension::name).toList();
    }
}
