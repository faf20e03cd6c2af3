package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset whose features are all in one float array: generated data, CSV files, MNIST-style
 * IDX files.
 *
 * <p>Immutable: the constructor copies its arrays unless told otherwise by the package-private
 * factory that hands over freshly made arrays. {@link #features()} is a read-only view, which DJL
 * can turn into an NDArray directly ({@code manager.create(dataset.features(), shape)}).
 */
public final class MemoryDataset implements Dataset {

    private final String name;
    private final float[] features;
    private final Shape featureShape;
    private final int featureLength;
    private final Targets targets;
    private final Dataset testSet;

    /**
     * Creates a dataset, copying the features.
     *
     * @param name a short name, not null
     * @param features {@code size × featureLength} floats, example after example; copied
     * @param featureShape the shape of one example (no batch dimension), not null
     * @param targets one target per example, not null
     * @param testSet a separate test set, or null
     * @throws IllegalArgumentException when the sizes disagree
     */
    public MemoryDataset(String name, float[] features, Shape featureShape, Targets targets, Dataset testSet) {
        this(name, features.clone(), featureShape, targets, testSet, true);
    }

    private MemoryDataset(String name, float[] features, Shape featureShape, Targets targets, Dataset testSet,
            boolean unused) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.featureShape = Objects.requireNonNull(featureShape, "featureShape");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.testSet = testSet;
        long length = featureShape.size();
        if (featureShape.dimension() == 0 || length <= 0 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid feature shape " + featureShape + " for dataset '" + name + "'");
        }
        this.featureLength = (int) length;
        if ((long) targets.size() * featureLength != features.length) {
            throw new IllegalArgumentException(
                    "Dataset '" + name + "' has " + targets.size() + " targets, so it needs "
                            + (long) targets.size() * featureLength + " feature values of shape "
                            + featureShape + ", but has " + features.length);
        }
    }

    /** Wraps arrays made by the caller and never touched again, without copying them. */
    static MemoryDataset adopt(String name, float[] features, Shape featureShape, Targets targets, Dataset testSet) {
        return new MemoryDataset(name, features, featureShape, targets, testSet, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape featureShape() {
        return featureShape;
    }

    @Override
    public Targets targets() {
        return targets;
    }

    @Override
    public Optional<Dataset> testSet() {
        return Optional.ofNullable(testSet);
    }

    /** All features, example after example, as a read-only view (no copy). */
    public FloatBuffer features() {
        return FloatBuffer.wrap(features).asReadOnlyBuffer();
    }

    /** One feature value. */
    public float feature(int example, int offset) {
        Objects.checkIndex(offset, featureLength);
        return features[example * featureLength + offset];
    }

    @Override
    public void copyFeatures(int[] indices, int from, int count, FloatBuffer destination) {
        Objects.checkFromIndexSize(from, count, indices.length);
        for (int i = from; i < from + count; i++) {
            destination.put(features, indices[i] * featureLength, featureLength);
        }
    }

    @Override
    public MemoryDataset subset(int[] indices, String newName) {
        float[] picked = new float[Math.multiplyExact(indices.length, featureLength)];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * featureLength, picked, i * featureLength, featureLength);
        }
        return adopt(newName, picked, featureShape, targets.subset(indices), null);
    }

    @Override
    public MemoryDataset slice(int from, int to) {
        return (MemoryDataset) Dataset.super.slice(from, to);
    }

    /**
     * Returns this dataset with another test set.
     *
     * @param test the test set, or null for none
     * @return a dataset sharing this one's arrays
     */
    public MemoryDataset withTestSet(Dataset test) {
        return adopt(name, features, featureShape, targets, test);
    }

    @Override
    public String toString() {
        return "MemoryDataset[" + name + ", " + size() + " × " + featureShape + ", " + targets + "]";
    }
}
