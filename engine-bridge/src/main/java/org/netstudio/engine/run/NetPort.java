package org.netstudio.engine.run;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * A port whose value a person asked for, as the engine finds it: the output of one step of the
 * flattened net (a catalog layer, or a sequence operator as a whole), or one of the net's inputs.
 * A container's output is the output of the step that feeds it, so {@code "block2"} and
 * {@code "block2/Output"} name the same value as the last layer inside {@code block2}.
 *
 * @param name   the name as given ({@code "conv1"}, {@code "layer1/attention"}, {@code "block2/Output"})
 * @param step   the step that makes the value, or null when the port is a net input
 * @param output the index of the value among the step's outputs, or of the net input
 */
public record NetPort(String name, NodePath step, int output) {

    public NetPort {
        Objects.requireNonNull(name, "name");
        if (output < 0) {
            throw new IllegalArgumentException("output must be at least 0, but was " + output);
        }
    }

    /** Whether the port is one of the net's inputs rather than a step's output. */
    public boolean isNetInput() {
        return step == null;
    }
}
