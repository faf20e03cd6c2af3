package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.netstudio.netgraph.catalog.Params;

/**
 * The losses. Each outputs one value per example, {@code (batch)}: the netgraph model gives a loss
 * a scalar per example, and training averages over the batch. When an example holds several
 * predictions (a sequence of class scores), its loss is their mean.
 *
 * <p>Probabilities are clamped to at least {@value #SMALLEST} before taking logarithms, so a
 * probability of exactly 0 gives a large finite loss, not infinity. When the compiler fused the
 * Softmax (or Sigmoid) before a cross-entropy into it, the loss receives the scores before it and
 * uses log-softmax (or softplus), which is exact and stable for any score.
 */
final class LossKernels {

    static final float SMALLEST = 1e-30f;

    private LossKernels() {
    }

    static LayerKernel of(String type, Params p, boolean fromLogits) {
        return switch (type) {
            case "CrossEntropyLoss" -> switch (p.getString("target")) {
                case "index" -> crossEntropyIndex(fromLogits);
                case "probabilities" -> crossEntropyProbabilities(fromLogits);
                default -> binaryCrossEntropy(fromLogits);
            };
            case "MeanSquaredLoss" -> pairwise(false);
            case "MeanAbsoluteLoss" -> pairwise(true);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static NDArray logProbabilities(NDArray x, boolean fromLogits) {
        return fromLogits ? x.logSoftmax(-1) : x.maximum(SMALLEST).log();
    }

    /** Input {@code (batch, …, classes)}, Target {@code (batch, …)} class indices: −log p[target]. */
    private static LayerKernel crossEntropyIndex(boolean fromLogits) {
        return (in, a, training) -> {
            NDArray logp = logProbabilities(in.get(0), fromLogits);
            NDArray target = Kernels.indices(in.get(1)).expandDims(-1);
            NDArray picked = logp.gather(target, -1).squeeze(-1);
            return new NDList(Kernels.meanPerExample(picked.neg()));
        };
    }

    /** Input and Target {@code (batch, …, classes)}: −Σ t·log p over the classes. */
    private static LayerKernel crossEntropyProbabilities(boolean fromLogits) {
        return (in, a, training) -> {
            NDArray logp = logProbabilities(in.get(0), fromLogits);
            NDArray t = sameType(in.get(1), logp);
            int last = logp.getShape().dimension() - 1;
            return new NDList(Kernels.meanPerExample(t.mul(logp).sum(new int[] {last}).neg()));
        };
    }

    /** Input and Target of one shape, each value a probability: −(t·log p + (1−t)·log(1−p)). */
    private static LayerKernel binaryCrossEntropy(boolean fromLogits) {
        return (in, a, training) -> {
            NDArray x = in.get(0);
            NDArray t = sameType(in.get(1), x);
            NDArray logp;
            NDArray log1mp;
            if (fromLogits) {
                // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z)
                logp = Activation.softPlus(x.neg()).neg();
                log1mp = Activation.softPlus(x).neg();
            } else {
                logp = x.maximum(SMALLEST).log();
                log1mp = x.neg().add(1).maximum(SMALLEST).log();
            }
            NDArray perValue = t.mul(logp).add(t.neg().add(1).mul(log1mp)).neg();
            return new NDList(Kernels.meanPerExample(perValue));
        };
    }

    /** Mean of the squared (or absolute) differences per example. */
    private static LayerKernel pairwise(boolean absolute) {
        return (in, a, training) -> {
            NDArray x = in.get(0);
            NDArray d = x.sub(sameType(in.get(1), x));
            return new NDList(Kernels.meanPerExample(absolute ? d.abs() : d.square()));
        };
    }

    private static NDArray sameType(NDArray t, NDArray like) {
        return t.getDataType() == like.getDataType() ? t : t.toType(like.getDataType(), false);
    }
}
