package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.netgraph.catalog.Params;

/**
 * Chooses the kernel of each catalog layer type, and the small tensor helpers the kernels share.
 * Every kernel takes batched tensors: per-example axis {@code a} is tensor axis {@code a + 1}.
 */
final class Kernels {

    private Kernels() {
    }

    /**
     * The kernel of a layer.
     *
     * @param type       the catalog type name
     * @param params     its parameters, defaults filled in
     * @param fromLogits for a loss only: its Input receives the scores before the Softmax (or
     *                   Sigmoid) that the compiler fused into it
     */
    static LayerKernel of(String type, Params params, boolean fromLogits) {
        Factory factory = BY_TYPE.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("The engine cannot run layers of type " + type + " yet");
        }
        return factory.of(params, fromLogits);
    }

    /** Makes the kernel of one layer type from its parameters (and, for a loss, whether its input is logits). */
    @FunctionalInterface
    interface Factory {
        LayerKernel of(Params params, boolean fromLogits);
    }

    /**
     * Every layer type's kernel factory: each family of kernels lists the types it runs, once, so a
     * new layer's kernel is added in one place.
     */
    private static final Map<String, Factory> BY_TYPE = byType();

    private static Map<String, Factory> byType() {
        Map<String, Factory> all = new HashMap<>(LossKernels.BY_TYPE);
        List<Map<String, Function<Params, LayerKernel>>> families = List.of(CoreKernels.BY_TYPE, AxisKernels.BY_TYPE,
                ConvolutionKernels.BY_TYPE, ActivationKernels.BY_TYPE, NormalizationKernels.BY_TYPE,
                MergeKernels.BY_TYPE, SequenceKernels.BY_TYPE,
                Map.of("Attention", AttentionKernels::of, "OnnxOperator", OnnxKernels::of));
        for (Map<String, Function<Params, LayerKernel>> family : families) {
            family.forEach((type, kernel) -> all.put(type, (params, fromLogits) -> kernel.apply(params)));
        }
        return Map.copyOf(all);
    }

    /** A kernel of one input and one output. */
    static LayerKernel unary(java.util.function.UnaryOperator<NDArray> f) {
        return (in, arrays, training) -> new NDList(f.apply(in.head()));
    }

    /** The tensor axis of a per-example axis (negative axes count from the end and stay as they are). */
    static int batchAxis(int exampleAxis) {
        return exampleAxis >= 0 ? exampleAxis + 1 : exampleAxis;
    }

    /** Class or token indices as int64, whatever numeric type they came as (floats are rounded first). */
    static NDArray indices(NDArray x) {
        DataType t = x.getDataType();
        if (t == DataType.INT64) {
            return x;
        }
        return (t.isFloating() ? x.round() : x).toType(DataType.INT64, false);
    }

    /** The number of spatial axes of a channels-first batch {@code (batch, c, s1…sk)}. */
    static int spatialAxes(NDArray x) {
        return x.getShape().dimension() - 2;
    }

    static Shape shape(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return new Shape(l);
    }

    /** The mean over every axis but the batch axis: {@code (batch, …) → (batch)}. */
    static NDArray meanPerExample(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() == 1) {
            return x;
        }
        return x.reshape(s.get(0), -1).mean(new int[] {1});
    }
}
