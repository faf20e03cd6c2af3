package org.netstudio.engine.train;

import org.netstudio.engine.data.Targets;

/**
 * The loss a {@link TrainingLoop} minimises.
 *
 * <p><b>Cross-entropy contract.</b> With {@link #CROSS_ENTROPY} the net must output one
 * <em>logit</em> (unnormalised score) per class, shape {@code (batch, classes)}; the loss applies a
 * fused, numerically stable log-softmax itself. A net designed with a final Softmax layer is
 * therefore trained without it, and the Softmax is put back for inference (the compiler from
 * netgraph does this; a hand-written block simply omits it).
 */
public enum LossKind {
    /** Cross-entropy for class targets, mean squared error for real targets. */
    AUTOMATIC,
    /** Softmax cross-entropy on logits against class indices, averaged over the batch. */
    CROSS_ENTROPY,
    /**
     * Mean squared error averaged over batch and outputs; class targets are compared as one-hot
     * vectors.
     */
    MEAN_SQUARED;

    /**
     * Resolves {@link #AUTOMATIC} for the given targets.
     *
     * @param targets the dataset's targets
     * @return {@link #CROSS_ENTROPY} or {@link #MEAN_SQUARED}
     * @throws IllegalArgumentException if cross-entropy is asked for with real targets
     */
    public LossKind resolve(Targets targets) {
        boolean classes = targets instanceof Targets.Classes;
        if (this == AUTOMATIC) {
            return classes ? CROSS_ENTROPY : MEAN_SQUARED;
        }
        if (this == CROSS_ENTROPY && !classes) {
            throw new IllegalArgumentException("Cross-entropy loss needs class targets, but the dataset's targets are"
                    + " real numbers; use the mean-squared loss (or automatic)");
        }
        return this;
    }
}
