package org.netstudio.engine.train;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a training run feeds its block from the columns of an {@link org.netstudio.engine.data.ExampleTable}.
 *
 * @param inputs      the column of each block input, in the block's order
 * @param inputShapes per block input, the per-example shape to give it (a hand-written block taking
 *                    784 features as {@code (1, 28, 28)}), or null to pass the column as it comes
 * @param lengths     per varying size of the block (see {@code CompiledNet.varyingSizes()}), the
 *                    column whose lengths it takes; passed after the inputs. Empty for blocks
 *                    without sequences of varying length
 * @param extra       columns the objective reads beside the inputs (the targets of a hand-written block)
 */
public record Feeding(List<String> inputs, List<Shape> inputShapes, List<String> lengths, List<String> extra) {

    public Feeding {
        inputs = List.copyOf(inputs);
        inputShapes = java.util.Collections.unmodifiableList(new ArrayList<>(inputShapes));
        lengths = List.copyOf(lengths);
        extra = List.copyOf(extra);
        if (inputShapes.size() != inputs.size()) {
            throw new IllegalArgumentException("One shape (or null) per input, but " + inputShapes.size() + " for "
                    + inputs.size() + " inputs");
        }
    }

    /** Every column a batch must read, each once, inputs first. */
    public List<String> columns() {
        List<String> all = new ArrayList<>();
        for (String c : inputs) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        for (String c : extra) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        for (String c : lengths) {
            Objects.requireNonNull(c, "lengths column");
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return all;
    }
}
