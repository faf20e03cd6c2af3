package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
        return switch (type) {
            case "Linear", "Flatten", "Reshape", "Transpose", "Part", "ConstantTimes", "ConstantPlus" ->
                    CoreKernels.of(type, params);
            case "Padding", "Aggregation" -> AxisKernels.of(type, params);
            case "Convolution", "Deconvolution", "Pooling", "GlobalPooling", "Upsample" -> ConvolutionKernels.of(type, params);
            case "Ramp", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "Softplus", "LeakyReLU", "Elementwise",
                    "Softmax", "LogSoftmax", "Dropout" -> ActivationKernels.of(type, params);
            case "BatchNorm", "LayerNorm" -> NormalizationKernels.of(type, params);
            case "Catenate", "Total", "Threading" -> MergeKernels.of(type, params);
            case "Embedding", "UnitVector", "LSTM", "GRU", "RNN", "SequenceLast", "SequenceReverse", "SequenceIndices" ->
                    SequenceKernels.of(type, params);
            case "Attention" -> AttentionKernels.of(params);
            case "CrossEntropyLoss", "MeanSquaredLoss", "MeanAbsoluteLoss" -> LossKernels.of(type, params, fromLogits);
            case "OnnxOperator" -> OnnxKernels.of(params);
            default -> throw new IllegalArgumentException("The engine cannot run layers of type " + type + " yet");
        };
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
