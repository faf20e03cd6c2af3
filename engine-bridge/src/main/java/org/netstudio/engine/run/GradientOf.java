package org.netstudio.engine.run;

import java.util.Objects;
import org.netstudio.engine.tensor.TensorValue;

/**
 * The number whose gradient a probe computes: an output's score, or a loss against a target.
 * Scores of an output that comes from a Softmax are taken before it (the logits), as saliency
 * and Grad-CAM use them.
 */
public sealed interface GradientOf {

    /** The net output it starts from. */
    String output();

    /**
     * The sum over the batch of one component of an output (class {@code component}'s score), or
     * of all its components when {@code component} is null.
     *
     * @param output    the net output
     * @param component the index into the output's values per example, or null for their sum
     */
    record Score(String output, Integer component) implements GradientOf {
        public Score {
            Objects.requireNonNull(output, "output");
            if (component != null && component < 0) {
                throw new IllegalArgumentException("The class index must be at least 0, but was " + component);
            }
        }
    }

    /**
     * The loss training would use against a target, averaged over the batch: cross-entropy on the
     * scores before a final Softmax when the target holds one class index per example (as PyTorch's
     * {@code cross_entropy}), else the mean squared error over all values (as {@code mse_loss}).
     *
     * @param output the net output
     * @param target class indices {@code (batch)}, or values shaped as the output's batch
     */
    record Loss(String output, TensorValue target) implements GradientOf {
        public Loss {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(target, "target");
        }
    }
}
