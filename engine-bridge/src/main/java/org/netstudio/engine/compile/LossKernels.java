package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Map;
import org.netstudio.netgraph.catalog.Params;

/**
 * The loss layers, computed by {@link LossFunctions}. Each outputs one value per example,
 * {@code (batch)}: the netgraph model gives a loss a scalar per example, and training averages over
 * the batch. When an example holds several predictions (a sequence of class scores), its loss is
 * their mean, over its own elements only in a padded batch. When the compiler fused the Softmax
 * (or Sigmoid) before a cross-entropy into it, the loss receives the scores before it.
 */
final class LossKernels {

    private LossKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Kernels.Factory> BY_TYPE = Map.of(
            "CrossEntropyLoss", (p, fromLogits) -> switch (p.getString("target")) {
                case "index" -> perExample((x, t) -> LossFunctions.crossEntropyIndex(x, t, fromLogits));
                case "probabilities" -> perExample((x, t) -> LossFunctions.crossEntropyProbabilities(x, t, fromLogits));
                default -> perExample((x, t) -> LossFunctions.binaryCrossEntropy(x, t, fromLogits));
            },
            "MeanSquaredLoss", (p, fromLogits) -> perExample((x, t) -> LossFunctions.difference(x, t, false)),
            "MeanAbsoluteLoss", (p, fromLogits) -> perExample((x, t) -> LossFunctions.difference(x, t, true)));

    private static LayerKernel perExample(java.util.function.BinaryOperator<NDArray> values) {
        return (LayerKernel.Masked) (in, a, training, lengths) -> {
            int axis = lengths.firstAxis(0);
            NDArray perValue = values.apply(in.get(0), in.get(1));
            return new NDList(LossFunctions.meanPerExample(perValue, axis < 0 ? null : lengths.of(0, axis), axis));
        };
    }
}
