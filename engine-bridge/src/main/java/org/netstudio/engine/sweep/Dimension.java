package org.netstudio.engine.sweep;

import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * One thing a sweep varies, and the values it may take.
 *
 * @param name the name as the person wrote it: an option ({@code learningRate}), {@code dropout}
 *     (the rate of every Dropout layer) or {@code <layer path>.<parameter>} ({@code linear1.units})
 * @param target what a value is written into
 * @param domain the values
 */
public record Dimension(String name, Target target, Domain domain) {

    /** Checks the components. */
    public Dimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(domain, "domain");
    }

    /** Where a value of a dimension goes. */
    public sealed interface Target permits OptionTarget, LayerTarget {
    }

    /**
     * A training option.
     *
     * @param option the option
     */
    public record OptionTarget(SweptOption option) implements Target {
    }

    /**
     * A parameter of one or more layers (several for {@code dropout}).
     *
     * @param layers the layers' paths, at least one
     * @param parameter the parameter's name in the layer catalog
     */
    public record LayerTarget(List<NodePath> layers, String parameter) implements Target {
        /** Copies the list. */
        public LayerTarget {
            layers = List.copyOf(layers);
        }
    }
}
