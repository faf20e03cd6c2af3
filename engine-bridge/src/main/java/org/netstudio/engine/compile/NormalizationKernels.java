package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.netgraph.catalog.Params;

/** BatchNorm (per channel, tensor axis 1) and LayerNorm (the last axis). */
final class NormalizationKernels {

    private NormalizationKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.of(
            "BatchNorm", p -> batchNorm(epsilon(p), (float) p.getDouble("momentum")),
            "LayerNorm", p -> {
                float epsilon = epsilon(p);
                return (in, a, training) -> {
                    NDArray x = in.head();
                    Shape s = x.getShape();
                    return LayerNorm.layerNorm(x, new Shape(s.get(s.dimension() - 1)), a[0], a[1], epsilon);
                };
            });

    private static float epsilon(Params p) {
        return (float) p.getDouble("epsilon");
    }

    /**
     * Arrays gamma, beta, movingMean, movingVar ({@code c} each). While training, normalises with
     * the batch's statistics and updates the moving ones in place ({@code new = (1-momentum)·old +
     * momentum·batch}, PyTorch's convention); otherwise uses the moving ones. DJL counts momentum
     * the other way round (the weight of the old value), hence {@code 1 - momentum}.
     */
    private static LayerKernel batchNorm(float epsilon, float momentum) {
        return (in, a, training) -> BatchNorm.batchNorm(in.head(), a[2], a[3], a[0], a[1], 1, 1 - momentum, epsilon,
                training);
    }
}
