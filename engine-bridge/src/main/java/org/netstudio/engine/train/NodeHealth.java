package org.netstudio.engine.train;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * How one layer is doing at a moment of training, TensorBoard's numbers for it: the size of its
 * learnable arrays' gradient, how far the last update moved them relative to their size, and what
 * its output looked like. NaN where a number does not apply (no learnable arrays; an output that
 * was not measured).
 *
 * @param node           the layer, as a path from the net's root
 * @param type           its layer type ("Convolution")
 * @param gradientNorm   the L2 norm of the gradient of all its learnable arrays together
 * @param updateRatio    ‖Δw‖ / ‖w‖ of the optimiser's step over all its learnable arrays
 * @param activationMean the mean of its (first) output over the batch
 * @param activationStd  the standard deviation of that output
 * @param zeroShare      the share of that output's values that are exactly 0 (a dead Ramp gives 1)
 */
public record NodeHealth(NodePath node, String type, double gradientNorm, double updateRatio, double activationMean,
                         double activationStd, double zeroShare) {

    /** Below this gradient norm a layer with learnable arrays is said to learn nothing. */
    public static final double VANISHING = 1e-7;
    /** Above this gradient norm the gradient is said to explode. */
    public static final double EXPLODING = 1e3;
    /** Above this update-to-weight ratio a step is said to be too large (about 1e-3 is healthy). */
    public static final double TOO_LARGE_STEP = 0.1;
    /** At or above this share of zeros, a Ramp is said to be dead. */
    public static final double DEAD = 0.99;

    public NodeHealth {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(type, "type");
    }

    /** What is wrong, in a few words ("gradient vanishes"), or empty when nothing is. */
    public String warning() {
        if (!Double.isNaN(gradientNorm) && !Double.isFinite(gradientNorm)) {
            return "gradient is not finite";
        }
        if (gradientNorm > EXPLODING) {
            return "gradient explodes";
        }
        if (gradientNorm < VANISHING) {
            return "gradient vanishes";
        }
        if (updateRatio > TOO_LARGE_STEP) {
            return "steps are too large";
        }
        if ("Ramp".equals(type) && zeroShare >= DEAD) {
            return "dead: its output is all zeros";
        }
        return "";
    }
}
