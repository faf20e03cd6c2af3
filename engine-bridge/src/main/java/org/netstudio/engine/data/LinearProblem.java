package org.netstudio.engine.data;

import java.util.Objects;

/**
 * A generated linear regression dataset together with the coefficients that made it, so that a
 * test can check what training recovers. Immutable; {@link #weights()} returns a copy.
 */
public final class LinearProblem {

    private final MemoryDataset dataset;
    private final float[] weights;
    private final float bias;

    LinearProblem(MemoryDataset dataset, float[] weights, float bias) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.weights = weights.clone();
        this.bias = bias;
    }

    /** The examples: features {@code (inputs)}, real targets of width 1. */
    public MemoryDataset dataset() {
        return dataset;
    }

    /** The true weights {@code w}, one per input (a copy). */
    public float[] weights() {
        return weights.clone();
    }

    /** The true bias {@code b}. */
    public float bias() {
        return bias;
    }
}
