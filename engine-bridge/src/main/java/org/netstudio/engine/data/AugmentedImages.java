package org.netstudio.engine.data;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.netstudio.netgraph.net.ImageAugmentation;

/**
 * A dataset of pictures seen through an {@link ImageAugmenter}: every time a batch copies an
 * example, it gets a new variation, so each epoch sees other ones. What the training batches read;
 * validation reads the plain dataset. The draws follow one seeded source, so a run repeats with
 * its seed as long as batches are read in the same order. Thread-safe as far as its source is (one
 * batch is read at a time).
 */
public final class AugmentedImages implements WrappedDataset {

    private final Dataset plain;
    private final ImageAugmenter augmenter;
    private final Random random;

    /**
     * @param plain the pictures, of shape channels × height × width
     * @param augmentation how to vary them
     * @param seed the seed of the variations
     */
    public AugmentedImages(Dataset plain, ImageAugmentation augmentation, long seed) {
        this.plain = Objects.requireNonNull(plain, "plain");
        this.augmenter = new ImageAugmenter(augmentation, plain.featureDims());
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    @Override
    public Dataset wrapped() {
        return plain;
    }

    @Override
    public Optional<Dataset> testSet() {
        return plain.testSet();
    }

    @Override
    public synchronized void copyFeatures(int[] indices, int from, int count, FloatBuffer destination) {
        int length = featureLength();
        float[] varied = new float[length];
        for (int i = 0; i < count; i++) {
            float[] picture = plain.features(indices[from + i]);
            augmenter.vary(picture, varied, random);
            destination.put(varied);
        }
    }

    @Override
    public Dataset subset(int[] indices, String name) {
        throw new UnsupportedOperationException("Take the subset of the plain pictures, then augment it");
    }
}
