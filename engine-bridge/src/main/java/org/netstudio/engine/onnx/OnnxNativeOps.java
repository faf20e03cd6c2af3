package org.netstudio.engine.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Optional;

/**
 * ONNX operators that PyTorch computes with ONNX's meaning on the DJL arrays where they already
 * are — float arithmetic with NumPy broadcasting, MatMul, Erf, Sqrt, ReduceMean, and the shape
 * bookkeeping of exports (Reshape, Unsqueeze, Concat, one element of a shape vector) — so that an
 * opaque node of an imported model (BERT-style exports have hundreds) need not copy its tensors
 * into ONNX Runtime and back. Anything else, or any other element type, is left to ONNX Runtime.
 * Results carry no gradient, as ONNX Runtime's do: opaque nodes stay inference only.
 */
final class OnnxNativeOps {

    private OnnxNativeOps() {
    }

    /**
     * The node's first output computed here, or empty when ONNX Runtime must compute it.
     *
     * @param node   the ONNX node
     * @param inputs its inputs in ONNX order, every one present
     * @param types  their ONNX element types ("float", "int64", …), as ONNX Runtime would get them
     */
    static Optional<NDArray> run(NodeProto node, List<NDArray> inputs, List<String> types) {
        if (!node.getDomain().isEmpty() || inputs.size() != node.getInputCount() || inputs.isEmpty()
                || node.getOutputCount() != 1) {
            return Optional.empty();
        }
        NDArray a = inputs.get(0);
        NDArray b = inputs.size() > 1 ? inputs.get(1) : null;
        boolean unaryFloat = inputs.size() == 1 && isFloat(a, types.get(0));
        boolean binaryFloat = inputs.size() == 2 && isFloat(a, types.get(0)) && isFloat(b, types.get(1));
        NDArray out = switch (node.getOpType()) {
            case "Add" -> binaryFloat ? a.add(b) : null;
            case "Sub" -> binaryFloat ? a.sub(b) : null;
            case "Mul" -> binaryFloat ? a.mul(b) : null;
            case "Div" -> binaryFloat ? a.div(b) : null;
            case "Pow" -> binaryFloat ? a.pow(b) : null;
            case "MatMul" -> binaryFloat && a.getShape().dimension() >= 2 && b.getShape().dimension() >= 2
                    ? a.matMul(b) : null;
            case "Erf" -> unaryFloat ? a.erf() : null;
            case "Sqrt" -> unaryFloat ? a.sqrt() : null;
            case "ReduceMean" -> isFloat(a, types.get(0)) && (b == null || types.get(1).equals("int64"))
                    ? reduceMean(node, a, b) : null;
            case "Reshape" -> inputs.size() == 2 && matches(a, types.get(0)) && types.get(1).equals("int64")
                    ? reshape(node, a, b) : null;
            case "Unsqueeze" -> matches(a, types.get(0)) && (b == null || types.get(1).equals("int64"))
                    ? unsqueeze(node, a, b) : null;
            case "Concat" -> concat(node, inputs, types);
            case "Gather" -> inputs.size() == 2 && matches(a, types.get(0)) && a.getShape().dimension() == 1
                    && b.getShape().dimension() == 0 && (types.get(1).equals("int64") || types.get(1).equals("int32"))
                    ? gatherOne(a, b) : null;
            default -> null;
        };
        return Optional.ofNullable(out).map(NDArray::stopGradient);
    }

    /** Reshape to a shape given as an input: 0 copies the input's size (unless allowzero), -1 is inferred. */
    private static NDArray reshape(NodeProto node, NDArray x, NDArray shapeInput) {
        if (attribute(node, "allowzero", 0) != 0) {
            return null;
        }
        long[] target = whole(shapeInput);
        long[] dims = x.getShape().getShape();
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                if (i >= dims.length) {
                    return null;
                }
                target[i] = dims[i];
            }
        }
        return x.reshape(target);
    }

    /** Unsqueeze at axes of the output (an attribute before opset 13, an input since). */
    private static NDArray unsqueeze(NodeProto node, NDArray x, NDArray axesInput) {
        long[] axes = axesInput != null ? whole(axesInput) : ints(node, "axes");
        if (axes == null || axes.length == 0) {
            return null;
        }
        int[] at = axesOf(axes, x.getShape().dimension() + axes.length);
        if (at == null) {
            return null;
        }
        java.util.Arrays.sort(at);
        NDArray out = x;
        for (int k : at) {
            out = out.expandDims(k);
        }
        return out;
    }

    /** Concat along an axis, of inputs of one element type. */
    private static NDArray concat(NodeProto node, List<NDArray> inputs, List<String> types) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!matches(inputs.get(i), types.get(i)) || !types.get(i).equals(types.get(0))) {
                return null;
            }
        }
        int rank = inputs.get(0).getShape().dimension();
        long axis = attribute(node, "axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE || rank == 0) {
            return null;
        }
        return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(inputs), (int) (axis < 0 ? axis + rank : axis));
    }

    /** Gather of one element of a vector (a shape vector's size): a scalar. */
    private static NDArray gatherOne(NDArray vector, NDArray index) {
        long n = vector.getShape().get(0);
        long i = whole(index)[0];
        if (i < -n || i >= n) {
            return null;
        }
        return vector.get(i < 0 ? i + n : i);
    }

    /** Whole numbers held by an array: int64 wires, or constants kept as floats. */
    private static long[] whole(NDArray a) {
        if (a.getDataType() == DataType.INT64) {
            return a.toLongArray();
        }
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.round(f[i]);
        }
        return out;
    }

    private static long attribute(NodeProto node, String name, long otherwise) {
        for (AttributeProto at : node.getAttributeList()) {
            if (at.getName().equals(name)) {
                return at.getI();
            }
        }
        return otherwise;
    }

    private static long[] ints(NodeProto node, String name) {
        for (AttributeProto at : node.getAttributeList()) {
            if (at.getName().equals(name)) {
                return at.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return null;
    }

    /** The array holds what ONNX is told it holds: float32 for "float", int64 for "int64". */
    private static boolean matches(NDArray x, String type) {
        return switch (type) {
            case "float" -> x.getDataType() == DataType.FLOAT32;
            case "int64" -> x.getDataType() == DataType.INT64;
            default -> false;
        };
    }

    /** A float32 array declared float to ONNX (a constant's declared type may say otherwise). */
    private static boolean isFloat(NDArray x, String type) {
        return x.getDataType() == DataType.FLOAT32 && type.equals("float");
    }

    /** ReduceMean over axes given (an attribute before opset 18, an input since); all-axes and no-op forms are left out. */
    private static NDArray reduceMean(NodeProto node, NDArray x, NDArray axesInput) {
        long[] axes = null;
        boolean keep = true;
        for (AttributeProto at : node.getAttributeList()) {
            if (at.getName().equals("axes")) {
                axes = at.getIntsList().stream().mapToLong(Long::longValue).toArray();
            } else if (at.getName().equals("keepdims")) {
                keep = at.getI() != 0;
            } else if (at.getName().equals("noop_with_empty_axes")) {
                return null;
            }
        }
        if (axesInput != null) {
            // Constants are kept as floats; the declared type says they are whole numbers.
            float[] given = axesInput.toType(DataType.FLOAT32, false).toFloatArray();
            axes = new long[given.length];
            for (int i = 0; i < given.length; i++) {
                axes[i] = Math.round(given[i]);
            }
        }
        if (axes == null || axes.length == 0) {
            return null;
        }
        int[] dims = axesOf(axes, x.getShape().dimension());
        return dims == null ? null : x.mean(dims, keep);
    }

    /** ONNX axes (negative ones count from the end) as axes of an array of {@code rank}; null when one is outside it. */
    private static int[] axesOf(long[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            long k = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (k < 0 || k >= rank) {
                return null;
            }
            out[i] = (int) k;
        }
        return out;
    }
}
