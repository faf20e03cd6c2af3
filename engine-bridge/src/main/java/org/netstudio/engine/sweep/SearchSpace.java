package org.netstudio.engine.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.netstudio.netgraph.net.NetLayers;
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

    /**
     * What a sweep of a net can vary, as a person would type it before {@code =}: the options, then
     * {@code dropout} when the net has Dropout layers, then each numeric layer parameter by path
     * ({@code linear1.units}). For a sweep view to offer.
     *
     * @param net the net
     * @return the names, in that order
     */
    public static List<String> variableNames(NetNode net) {
        List<String> names = new ArrayList<>();
        for (SweptOption o : SweptOption.values()) {
            names.add(o.id());
        }
        var layers = NetLayers.byPath(net);
        if (layers.values().stream().anyMatch(l -> l.type().equals("Dropout"))) {
            names.add(SweptOption.DROPOUT);
        }
        layers.forEach((path, layer) -> {
            for (var p : layer.layerType().params()) {
                if (p.kind() == org.netstudio.netgraph.catalog.ParamKind.INT
                        || p.kind() == org.netstudio.netgraph.catalog.ParamKind.REAL) {
                    names.add(path + "." + p.name());
                }
            }
        });
        return names;
    }

    /** The dimensions' names, in order. */
    public List<String> names() {
        return dimensions.stream().map(Dimension::name).toList();
    }
}
