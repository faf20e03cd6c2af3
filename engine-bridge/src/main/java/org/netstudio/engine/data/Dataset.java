package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A labelled set of examples for training or testing a net.
 *
 * <p>Shapes are per example, without the batch dimension, channels first (an MNIST image is
 * {@code (1, 28, 28)}); a batch of {@code n} examples has shape {@code (n, featureShape…)}.
 * Features are 32-bit floats stored row-major. Targets are class indices or real vectors, see
 * {@link Targets}.
 *
 * <p>Implementations are immutable and safe to read from several threads at once. {@link
 * MemoryDataset} keeps every example in a float array; {@link ImageFolderDataset} decodes its
 * images from disk only when {@link #copyFeatures} asks for them, so it can be larger than memory.
 * {@link BatchBuilder} turns a dataset into DJL batches.
 */
public interface Dataset {

    /** A short name for messages and lists, e.g. "Fashion-MNIST (train)"; never null. */
    String name();

    /** The number of examples: one target each. */
    default int size() {
        return targets().size();
    }

    /** The shape of one example's features, without the batch dimension; never null. */
    Shape featureShape();

    /** {@link #featureShape()} as plain sizes, for code that does not see DJL (the trainer panel). */
    default long[] featureDims() {
        return featureShape().getShape();
    }

    /** The number of floats in one example's features: the product of {@link #featureShape()}. */
    default int featureLength() {
        return Math.toIntExact(featureShape().size());
    }

    /** The targets, one per example; never null. */
    Targets targets();

    /** The class names when the targets are classes, else an empty list. */
    default List<String> classNames() {
        return targets() instanceof Targets.Classes c ? c.classNames() : List.of();
    }

    /** The separate test set that came with this data (e.g. MNIST's t10k files), if any. */
    Optional<Dataset> testSet();

    /**
     * Writes the features of {@code count} examples, {@code indices[from]} to {@code
     * indices[from + count - 1]}, one after the other into {@code destination} starting at its
     * position, and advances the position by {@code count × featureLength()}.
     *
     * <p>Safe to call from several threads with different destinations.
     *
     * @param indices example indices
     * @param from the first entry of {@code indices} to copy
     * @param count how many examples to copy
     * @param destination where to write; needs {@code count × featureLength()} floats remaining
     * @throws java.io.UncheckedIOException wrapping a {@link DatasetFormatException} when a lazy
     *     dataset cannot read an example
     */
    void copyFeatures(int[] indices, int from, int count, FloatBuffer destination);

    /**
     * Returns the features of one example as a new array.
     *
     * @param index the example, in {@code [0, size())}
     * @return {@link #featureLength()} floats
     */
    default float[] features(int index) {
        float[] out = new float[featureLength()];
        copyFeatures(new int[] {index}, 0, 1, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Returns the given examples as a dataset of the same kind (in memory stays in memory, lazy
     * stays lazy), without a test set.
     *
     * @param indices example indices in the order wanted; repeats are allowed
     * @param name the new dataset's name
     * @return the subset
     */
    Dataset subset(int[] indices, String name);

    /**
     * Returns examples {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first example
     * @param to one past the last example
     * @return the slice, without a test set
     */
    default Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException(
                    "Cannot slice examples " + from + " to " + to + " of " + size());
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return subset(indices, name() + " [" + from + ", " + to + ")");
    }

    /** Whether all features are held in memory (reading them is cheap and never fails). */
    default boolean inMemory() {
        return true;
    }
}
