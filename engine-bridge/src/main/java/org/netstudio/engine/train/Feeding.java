package org.netstudio.engine.train;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netstudio.engine.data.AugmentedImages;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.netgraph.net.ImageAugmentation;

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
 * @param augmentations per column of pictures, how the training batches vary them (the Image
 *                    encoder's augmentation); validation batches read the pictures as they are
 */
public record Feeding(List<String> inputs, List<Shape> inputShapes, List<String> lengths, List<String> extra,
        Map<String, ImageAugmentation> augmentations) {

    /** A feeding that varies nothing. */
    public Feeding(List<String> inputs, List<Shape> inputShapes, List<String> lengths, List<String> extra) {
        this(inputs, inputShapes, lengths, extra, Map.of());
    }

    public Feeding {
        augmentations = Map.copyOf(augmentations);
        inputs = List.copyOf(inputs);
        inputShapes = java.util.Collections.unmodifiableList(new ArrayList<>(inputShapes));
        lengths = List.copyOf(lengths);
        extra = List.copyOf(extra);
        if (inputShapes.size() != inputs.size()) {
            throw new IllegalArgumentException("One shape (or null) per input, but " + inputShapes.size() + " for "
                    + inputs.size() + " inputs");
        }
    }

    /**
     * The table the training batches read: each augmented column of pictures seen through an
     * {@link AugmentedImages} of the seed; the table itself when nothing is augmented.
     */
    public ExampleTable forTraining(ExampleTable table, long seed) {
        ExampleTable varied = table;
        for (Map.Entry<String, ImageAugmentation> e : augmentations.entrySet()) {
            if (e.getValue().any() && table.column(e.getKey()).orElse(null) instanceof FeatureColumn pictures
                    && pictures.data().featureDims().length == 3) {
                varied = varied.with(e.getKey(), new FeatureColumn(new AugmentedImages(pictures.data(), e.getValue(),
                        seed)));
            }
        }
        return varied;
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
