package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.netstudio.engine.tensor.Scalars;

/**
 * The arithmetic of NetStudio's losses, said once: the catalog's loss layers ({@link LossKernels})
 * and the loss training puts on a hand-written block both compute with these. Each function
 * returns one value per predicted value, {@code (batch, …)}; {@link #meanPerExample} averages them
 * to one per example, over each example's own elements in a padded batch.
 *
 * <p>Probabilities are clamped to at least {@value #SMALLEST} before taking logarithms, so a
 * probability of exactly 0 gives a large finite loss, not infinity. From logits (the scores
 * before a Softmax or Sigmoid fused into the loss) the logarithms are exact and stable.
 */
public final class LossFunctions {

    static final float SMALLEST = 1e-30f;

    private LossFunctions() {
    }

    private static NDArray logProbabilities(NDArray x, boolean fromLogits) {
        return fromLogits ? x.logSoftmax(-1) : Scalars.atLeast(x, SMALLEST).log();
    }

    /** Input {@code (batch, …, classes)}, target {@code (batch, …)} class indices: −log p[target], {@code (batch, …)}. */
    public static NDArray crossEntropyIndex(NDArray input, NDArray target, boolean fromLogits) {
        NDArray logp = logProbabilities(input, fromLogits);
        return logp.gather(Kernels.indices(target).expandDims(-1), -1).squeeze(-1).neg();
    }

    /** Input and target {@code (batch, …, classes)}: −Σ t·log p over the classes, {@code (batch, …)}. */
    public static NDArray crossEntropyProbabilities(NDArray input, NDArray target, boolean fromLogits) {
        NDArray logp = logProbabilities(input, fromLogits);
        int last = logp.getShape().dimension() - 1;
        return sameType(target, logp).mul(logp).sum(new int[] {last}).neg();
    }

    /** Input and target of one shape, each value a probability: −(t·log p + (1−t)·log(1−p)). */
    public static NDArray binaryCrossEntropy(NDArray input, NDArray target, boolean fromLogits) {
        NDArray t = sameType(target, input);
        NDArray logp;
        NDArray log1mp;
        if (fromLogits) {
            // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z)
            logp = Activation.softPlus(input.neg()).neg();
            log1mp = Activation.softPlus(input).neg();
        } else {
            logp = Scalars.atLeast(input, SMALLEST).log();
            log1mp = Scalars.atLeast(input.neg().add(1), SMALLEST).log();
        }
        return t.mul(logp).add(t.neg().add(1).mul(log1mp)).neg();
    }

    /** The squared (or absolute) differences of input and target. */
    public static NDArray difference(NDArray input, NDArray target, boolean absolute) {
        NDArray d = input.sub(sameType(target, input).reshape(input.getShape()));
        return absolute ? d.abs() : d.square();
    }

    /**
     * The mean of each example's values, {@code (batch)}. In a padded batch whose tensor axis
     * {@code axis} holds sequences of the given lengths, only each example's own elements count.
     *
     * @param lengths int64 {@code (batch)}, or null when every value counts
     */
    public static NDArray meanPerExample(NDArray values, NDArray lengths, int axis) {
        if (lengths == null || axis < 1 || axis >= values.getShape().dimension()) {
            return Kernels.meanPerExample(values);
        }
        NDArray real = Lengths.maskLike(values, axis, lengths).broadcast(values.getShape());
        long batch = values.getShape().get(0);
        NDArray sums = values.mul(real).reshape(batch, -1).sum(new int[] {1});
        NDArray counts = real.reshape(batch, -1).sum(new int[] {1});
        counts = Scalars.atLeast(counts, 1);
        return sums.div(counts);
    }

    private static NDArray sameType(NDArray t, NDArray like) {
        return t.getDataType() == like.getDataType() ? t : t.toType(like.getDataType(), false);
    }
}
