package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Maps ONNX operators to catalog layers. ONNX tensors carry the batch as their first axis and
 * NetStudio's do not, so axes shift by one and an operator acting on the batch axis stays opaque.
 * A mapping is only made when the layer computes exactly what the operator does; anything else
 * (an unsupported attribute value, a weight that is not constant, integer data) is
 * {@link Mapping.Opaque} with the reason. Stateless.
 */
final class OperatorMappings {

    /** What a mapping may ask about the values around a node. */
    interface Context {
        boolean isConstant(String value);

        OnnxTensors.Constant constant(String value);

        ValueInfo info(String value);

        long opset();

        /** The elements of a shape vector the model computes (Shape, Gather, Concat … of it), or null. */
        default ShapeValues.Value shapeVector(String value) {
            return null;
        }
    }

    private static final Map<String, String> SIMPLE = Map.of("Relu", "Ramp", "Sigmoid", "Sigmoid", "Tanh", "Tanh",
            "Softplus", "Softplus");

    private static final Map<String, String> UNARY_EXPRESSIONS = Map.of("Exp", "exp(x)", "Log", "log(x)", "Sqrt",
            "sqrt(x)", "Abs", "abs(x)", "Neg", "-x", "Sin", "sin(x)", "Cos", "cos(x)", "Reciprocal", "1/x", "Erf", "erf(x)");

    private static final Map<String, String> THREADING = Map.of("Add", "plus", "Sub", "subtract", "Mul", "times",
            "Div", "divide", "Max", "max", "Min", "min");

    private OperatorMappings() {
    }

    static Mapping map(OnnxNode n, Context c) {
        String op = n.op();
        List<String> in = n.proto().getInputList();
        if (n.proto().getOutputCount() != 1 && !op.equals("Dropout") && !op.equals("BatchNormalization")
                && !op.equals("MaxPool")) {
            return opaque("it has " + n.proto().getOutputCount() + " outputs");
        }
        if (op.equals("Identity")) {
            return new Mapping.Alias(in.get(0), "Identity passes its input through");
        }
        if (op.equals("Dropout")) {
            return dropout(n, c, in);
        }
        for (String v : in) {
            // A Reshape's target or a Slice's bounds the model computes from shapes: sizes, not data.
            boolean targetShape = (op.equals("Reshape") && in.indexOf(v) == 1
                    || op.equals("Slice") && in.indexOf(v) > 0) && c.shapeVector(v) != null;
            if (!v.isEmpty() && !c.isConstant(v) && !c.info(v).isReal() && !targetShape) {
                return opaque("input \"" + v + "\" is not known to hold real numbers");
            }
        }
        if (THREADING.containsKey(op) && in.size() == 2 && c.isConstant(in.get(0)) && !in.get(1).isEmpty()
                && !c.isConstant(in.get(1))) {
            return constantFirst(c, in, THREADING.get(op));
        }
        if (in.isEmpty() || in.get(0).isEmpty()) {
            return opaque("its first input is left out");
        }
        if (c.isConstant(in.get(0))) {
            return opaque("its first input is a constant");
        }
        String x = in.get(0);
        if (SIMPLE.containsKey(op)) {
            return unary(n, in, Layer.of(SIMPLE.get(op)));
        }
        if (UNARY_EXPRESSIONS.containsKey(op)) {
            return unary(n, in, Layer.of("Elementwise", "function", UNARY_EXPRESSIONS.get(op)));
        }
        return switch (op) {
            case "LeakyRelu" -> unary(n, in, Layer.of("LeakyReLU", "alpha", real(n.f("alpha", 0.01f))));
            case "Elu" -> n.f("alpha", 1f) == 1f ? unary(n, in, Layer.of("ELU")) : opaque("alpha is not 1");
            case "Selu" -> !n.has("alpha") && !n.has("gamma") ? unary(n, in, Layer.of("SELU"))
                    : opaque("alpha and gamma differ from SELU's standard values");
            case "Gelu" -> n.s("approximate", "none").equals("none") ? unary(n, in, Layer.of("GELU"))
                    : opaque("the tanh approximation is not NetStudio's GELU");
            case "Softmax", "LogSoftmax" -> softmax(n, c, op.equals("Softmax") ? "Softmax" : "LogSoftmax", x);
            case "Conv" -> conv(n, c, in);
            case "ConvTranspose" -> convTranspose(n, c, in);
            case "Resize", "Upsample" -> resize(n, c, in);
            case "Pad" -> pad(n, c, in);
            case "Gemm" -> gemm(n, c, in);
            case "MatMul" -> matMul(n, c, in);
            case "MaxPool", "AveragePool" -> pool(n, c, x, op.equals("MaxPool") ? "max" : "mean");
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(c, x, op.equals("GlobalMaxPool") ? "max" : "mean");
            case "BatchNormalization" -> batchNorm(n, c, in);
            case "LayerNormalization" -> layerNorm(n, c, in);
            case "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum" -> reduce(n, c, in, switch (op) {
                case "ReduceMax" -> "max";
                case "ReduceMin" -> "min";
                case "ReduceSum" -> "total";
                default -> "mean";
            });
            case "Add", "Sub", "Mul", "Div", "Max", "Min" -> binary(n, c, in, THREADING.get(op));
            case "Sum" -> sum(n, c, in);
            case "Clip" -> clip(n, c, in);
            case "Pow" -> in.size() == 2 && c.isConstant(in.get(1)) && c.constant(in.get(1)).count() == 1
                    ? Mapping.layer(Layer.of("Elementwise", "function", "x ^ " + number(c.constant(in.get(1)).value(0))), x)
                    : opaque("its exponent is not one constant number");
            case "Concat" -> concat(n, c, in);
            case "Flatten" -> flatten(n, c, x);
            case "Reshape" -> reshape(n, c, in);
            case "Transpose" -> transpose(n, c, x);
            case "Gather" -> gather(n, c, in);
            case "Slice" -> slice(n, c, in);
            default -> opaque("NetStudio has no layer for " + op);
        };
    }

    private static Mapping opaque(String reason) {
        return new Mapping.Opaque(reason);
    }

    private static Mapping unary(OnnxNode n, List<String> in, Layer layer) {
        if (in.size() != 1) {
            return opaque("it has " + in.size() + " inputs");
        }
        return Mapping.layer(layer, in.get(0));
    }

    /** The per-example axis of an ONNX axis, or null when it is the batch axis or cannot be told. */
    private static Integer exampleAxis(long axis, int onnxRank) {
        if (axis < 0) {
            return onnxRank > 0 && axis == -onnxRank ? null : (int) axis;
        }
        return axis == 0 ? null : (int) axis - 1;
    }

    private static Mapping softmax(OnnxNode n, Context c, String type, String x) {
        int rank = c.info(x).onnxRank();
        long axis = n.i("axis", c.opset() >= 13 ? -1 : 1);
        if (c.opset() < 13) {
            // Before opset 13 the axis flattens everything after it: only the last axis means the same.
            if (!(axis == -1 || (rank > 0 && axis == rank - 1))) {
                return opaque("before opset 13, softmax over axis " + axis + " flattens the trailing axes");
            }
            axis = -1;
        }
        Integer a = exampleAxis(axis, rank);
        return a == null ? opaque("it acts on the batch axis") : Mapping.layer(Layer.of(type, "axis", a), x);
    }

    private static Mapping conv(OnnxNode n, Context c, List<String> in) {
        String problem = convProblem(n, c, in, true, "kernel_shape", "strides", "pads", "dilations", "group",
                "auto_pad");
        if (problem != null) {
            return opaque(problem);
        }
        OnnxTensors.Constant w = c.constant(in.get(1));
        Window window = Window.of(n, kernelOf(w));
        Object padding = padding(n, window);
        if (padding instanceof String reason && !reason.equals("same")) {
            return opaque(reason);
        }
        int group = (int) n.i("group", 1);
        Layer layer = Layer.of("Convolution", "channels", (int) w.shape()[0], "kernel", list(window.kernel()),
                "stride", list(window.strides()), "padding", padding, "dilation", list(window.dilations()),
                "groups", group, "bias", hasBias(in));
        return Mapping.layer(layer, convArrays(c, in), in.get(0));
    }

    /** Whether a convolution has a bias: a third input that is not left out. */
    private static boolean hasBias(List<String> in) {
        return in.size() > 2 && !in.get(2).isEmpty();
    }

    /**
     * Why a convolution cannot be a layer: its weights or bias are not constants, it has attributes other
     * than {@code known}, groups where the layer has none (a Deconvolution: not {@code grouped}), or its
     * weights are not a real array of rank 3 to 5; null when it can.
     */
    private static String convProblem(OnnxNode n, Context c, List<String> in, boolean grouped, String... known) {
        if (in.size() < 2 || !c.isConstant(in.get(1))) {
            return "its weights are not a constant";
        }
        if (hasBias(in) && !c.isConstant(in.get(2))) {
            return "its bias is not a constant";
        }
        List<String> other = n.attributesOtherThan(known);
        if (!other.isEmpty()) {
            return "attributes " + other + " are not supported";
        }
        if (!grouped && n.i("group", 1) != 1) {
            return "group " + n.i("group", 1) + ": NetStudio's Deconvolution has no groups";
        }
        return kernelOf(c.constant(in.get(1))) == null ? "its weights are not a real array of rank 3 to 5" : null;
    }

    /** A convolution's weights, and its biases when it has them, as the layer's arrays. */
    private static Map<String, OnnxTensors.Constant> convArrays(Context c, List<String> in) {
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        arrays.put("weights", c.constant(in.get(1)));
        if (hasBias(in)) {
            arrays.put("biases", c.constant(in.get(2)));
        }
        return arrays;
    }

    /** PyTorch's {@code ConvTranspose2d} and its kin as a Deconvolution: same weight layout, symmetric pads. */
    private static Mapping convTranspose(OnnxNode n, Context c, List<String> in) {
        String problem = convProblem(n, c, in, false, "kernel_shape", "strides", "pads", "dilations", "group",
                "output_padding", "auto_pad");
        if (problem != null) {
            return opaque(problem);
        }
        OnnxTensors.Constant w = c.constant(in.get(1));
        Window window = Window.of(n, kernelOf(w));
        if (!window.undilated()) {
            return opaque("dilations " + Arrays.toString(window.dilations())
                    + ": NetStudio's Deconvolution is not dilated");
        }
        if (!n.s("auto_pad", "NOTSET").equals("NOTSET")) {
            return opaque("auto_pad " + n.s("auto_pad", "NOTSET") + " is not supported");
        }
        Object padding = padding(n, window);
        if (padding instanceof String reason) {
            return opaque(reason);
        }
        int axes = window.axes();
        int[] outputPadding = n.ints("output_padding");
        if (outputPadding == null || outputPadding.length != axes) {
            outputPadding = new int[axes];
        }
        Layer layer = Layer.of("Deconvolution", "channels", (int) w.shape()[1], "kernel", list(window.kernel()),
                "stride", list(window.strides()), "padding", padding, "outputPadding", list(outputPadding),
                "bias", hasBias(in));
        return Mapping.layer(layer, convArrays(c, in), in.get(0));
    }

    /**
     * Resize by whole-number factors of the spatial axes, sampled as PyTorch's nn.Upsample samples, as an
     * Upsample layer: nearest with the asymmetric transform and floor rounding, or linear with half-pixel
     * centres. The factors come from the scales input, or from fixed sizes that divide by the input's.
     */
    private static Mapping resize(OnnxNode n, Context c, List<String> in) {
        String x = in.get(0);
        int rank = c.info(x).onnxRank();
        if (rank < 3 || rank > 5) {
            return opaque("only images, signals and volumes (rank 3 to 5, known) are upsampled by a layer");
        }
        List<String> other = n.attributesOtherThan("mode", "coordinate_transformation_mode", "nearest_mode",
                "cubic_coeff_a", "exclude_outside", "extrapolation_value", "antialias");
        if (!other.isEmpty() || n.i("exclude_outside", 0) != 0 || n.i("antialias", 0) != 0) {
            return opaque("attributes " + other + " are not supported");
        }
        String mode = n.s("mode", "nearest");
        String transform = n.s("coordinate_transformation_mode", n.op().equals("Upsample") ? "asymmetric" : "half_pixel");
        String method;
        if (mode.equals("nearest") && transform.equals("asymmetric") && n.s("nearest_mode", "round_prefer_floor").equals("floor")) {
            method = "nearest";
        } else if (mode.equals("linear") && (transform.equals("half_pixel") || transform.equals("pytorch_half_pixel"))) {
            method = "linear";
        } else {
            return opaque("mode " + mode + " with " + transform + " sampling"
                    + (mode.equals("nearest") ? " and " + n.s("nearest_mode", "round_prefer_floor") + " rounding" : "")
                    + " is not how NetStudio's Upsample samples");
        }
        double[] factors = new double[rank];
        int scalesInput = n.op().equals("Upsample") ? 1 : 2;
        if (in.size() > scalesInput && !in.get(scalesInput).isEmpty() && c.isConstant(in.get(scalesInput))
                && c.constant(in.get(scalesInput)).count() == rank) {
            for (int i = 0; i < rank; i++) {
                factors[i] = c.constant(in.get(scalesInput)).value(i);
            }
        } else if (in.size() > 3 && !in.get(3).isEmpty() && c.isConstant(in.get(3)) && c.constant(in.get(3)).count() == rank
                && c.info(x).type().dimsKnown()) {
            for (int i = 2; i < rank; i++) {
                factors[i] = c.constant(in.get(3)).value(i) / c.info(x).type().dim(i - 1).size();
            }
            factors[0] = 1;
            factors[1] = 1;
        } else {
            return opaque("its scales or sizes are not constants NetStudio can read");
        }
        if (factors[0] != 1 || factors[1] != 1) {
            return opaque("it resizes the batch or channel axis");
        }
        int[] scale = new int[rank - 2];
        for (int i = 2; i < rank; i++) {
            if (factors[i] < 1 || factors[i] != Math.rint(factors[i])) {
                return opaque("its factor " + number(factors[i]) + " is not a whole number of at least 1");
            }
            scale[i - 2] = (int) factors[i];
        }
        return Mapping.layer(Layer.of("Upsample", "scale", list(scale), "method", method), x);
    }

    /** A Pad that pads nothing, as PyTorch writes before an AvgPool2d with padding and count_include_pad. */
    /**
     * Pad: nothing when it pads nothing (PyTorch writes such a Pad before AvgPool2d), else a Padding
     * layer over the axes it pads, when its pads are constant, not negative and leave the batch axis.
     */
    private static Mapping pad(OnnxNode n, Context c, List<String> in) {
        long[] pads;
        if (n.ints("pads") != null) {
            int[] attr = n.ints("pads");
            pads = new long[attr.length];
            for (int i = 0; i < attr.length; i++) {
                pads[i] = attr[i];
            }
        } else if (in.size() >= 2 && c.isConstant(in.get(1))) {
            OnnxTensors.Constant constant = c.constant(in.get(1));
            pads = new long[constant.count()];
            for (int i = 0; i < pads.length; i++) {
                pads[i] = (long) constant.value(i);
            }
        } else {
            return opaque("its pads are not a constant");
        }
        if (in.size() >= 4 && !in.get(3).isEmpty()) {
            return opaque("it pads only some axes (its axes input)");
        }
        int rank = pads.length / 2;
        int first = -1;
        for (int i = 0; i < rank; i++) {
            if (pads[i] < 0 || pads[rank + i] < 0) {
                return opaque("a negative pad crops, which Padding does not do");
            }
            if (first < 0 && (pads[i] != 0 || pads[rank + i] != 0)) {
                first = i;
            }
        }
        if (first < 0) {
            return new Mapping.Alias(in.get(0), "Pad pads nothing");
        }
        if (first == 0) {
            return opaque("it pads the batch axis");
        }
        String mode = n.s("mode", "constant");
        if (!List.of("constant", "reflect", "edge").contains(mode)) {
            return opaque("its mode " + mode + " is not one of Padding's methods");
        }
        double value = n.f("value", 0f);
        if (in.size() >= 3 && !in.get(2).isEmpty()) {
            if (!c.isConstant(in.get(2)) || c.constant(in.get(2)).count() != 1) {
                return opaque("its constant value is not one constant number");
            }
            value = c.constant(in.get(2)).value(0);
        }
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int i = first; i < rank; i++) {
            if (pads[i] > Integer.MAX_VALUE || pads[rank + i] > Integer.MAX_VALUE) {
                return opaque("a pad of " + Math.max(pads[i], pads[rank + i]) + " is more than NetStudio can hold");
            }
            before.add((int) pads[i]);
            after.add((int) pads[rank + i]);
        }
        Layer layer = Layer.of("Padding", "before", before);
        if (!after.equals(before)) {
            layer = layer.with("after", after);
        }
        if (!mode.equals("constant")) {
            layer = layer.with("method", mode);
        } else if (value != 0) {
            layer = layer.with("value", real((float) value));
        }
        return Mapping.layer(layer, in.get(0));
    }

    /** The kernel sizes of convolution weights (channels × channels × k…), or null when not a real array of rank 3 to 5. */
    private static int[] kernelOf(OnnxTensors.Constant w) {
        if (!w.isReal() || w.shape().length < 3 || w.shape().length > 5) {
            return null;
        }
        int[] kernel = new int[w.shape().length - 2];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (int) w.shape()[i + 2];
        }
        return kernel;
    }

    /**
     * A convolution's or pooling's window along each spatial axis: the kernel, and the strides and
     * dilations the node gives (1 where it gives none).
     */
    private record Window(int[] kernel, int[] strides, int[] dilations) {

        static Window of(OnnxNode n, int[] kernel) {
            return new Window(kernel, orOnes(n.ints("strides"), kernel.length),
                    orOnes(n.ints("dilations"), kernel.length));
        }

        int axes() {
            return kernel.length;
        }

        boolean undilated() {
            return Arrays.stream(dilations).allMatch(d -> d == 1);
        }
    }

    /** A padding value (a list, or "same") or a String reason why it cannot be expressed. */
    private static Object padding(OnnxNode n, Window window) {
        int axes = window.axes();
        int[] kernel = window.kernel();
        int[] strides = window.strides();
        int[] dilations = window.dilations();
        String autoPad = n.s("auto_pad", "NOTSET");
        if (autoPad.equals("VALID")) {
            return list(new int[axes]);
        }
        if (autoPad.startsWith("SAME")) {
            for (int i = 0; i < axes; i++) {
                if (strides[i] != 1 || (dilations[i] * (kernel[i] - 1)) % 2 != 0) {
                    return "auto_pad " + autoPad + " with strides or even kernels pads unevenly";
                }
            }
            return "same";
        }
        if (!autoPad.equals("NOTSET")) {
            return "auto_pad " + autoPad + " is not supported";
        }
        int[] pads = n.ints("pads");
        if (pads == null) {
            return list(new int[axes]);
        }
        if (pads.length != 2 * axes) {
            return "pads " + Arrays.toString(pads) + " do not fit " + axes + " spatial axes";
        }
        int[] p = new int[axes];
        for (int i = 0; i < axes; i++) {
            if (pads[i] != pads[i + axes]) {
                return "pads " + Arrays.toString(pads) + " are not the same on both sides";
            }
            p[i] = pads[i];
        }
        return list(p);
    }

    private static int[] orOnes(int[] v, int axes) {
        if (v != null && v.length == axes) {
            return v;
        }
        int[] ones = new int[axes];
        Arrays.fill(ones, 1);
        return ones;
    }

    private static List<Integer> list(int[] v) {
        List<Integer> l = new ArrayList<>(v.length);
        for (int x : v) {
            l.add(x);
        }
        return l;
    }

    private static Mapping gemm(OnnxNode n, Context c, List<String> in) {
        if (in.size() < 2 || !c.isConstant(in.get(1))) {
            return opaque("its second factor is not a constant");
        }
        if (n.i("transA", 0) != 0) {
            return opaque("transA=1 transposes the batch axis");
        }
        if (c.info(in.get(0)).onnxRank() > 0 && c.info(in.get(0)).onnxRank() != 2) {
            return opaque("its input is not a matrix");
        }
        OnnxTensors.Constant b = c.constant(in.get(1));
        if (!b.isReal() || b.shape().length != 2) {
            return opaque("its second factor is not a real matrix");
        }
        float alpha = n.f("alpha", 1f);
        float beta = n.f("beta", 1f);
        boolean transB = n.i("transB", 0) != 0;
        int units = (int) (transB ? b.shape()[0] : b.shape()[1]);
        int d = (int) (transB ? b.shape()[1] : b.shape()[0]);
        float[] weights = new float[units * d];
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < d; k++) {
                weights[u * d + k] = alpha * (transB ? b.floats()[u * d + k] : b.floats()[k * units + u]);
            }
        }
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        arrays.put("weights", new OnnxTensors.Constant(new long[] {units, d}, weights, null, b.dataType()));
        boolean hasBias = in.size() > 2 && !in.get(2).isEmpty();
        if (hasBias) {
            if (!c.isConstant(in.get(2))) {
                return opaque("its bias is not a constant");
            }
            OnnxTensors.Constant bias = c.constant(in.get(2));
            float[] values = new float[units];
            if (bias.count() == 1) {
                Arrays.fill(values, (float) (beta * bias.value(0)));
            } else if (bias.count() == units && (bias.shape().length == 1 || bias.shape()[0] == 1)) {
                for (int u = 0; u < units; u++) {
                    values[u] = (float) (beta * bias.value(u));
                }
            } else {
                return opaque("its bias of shape " + Arrays.toString(bias.shape()) + " differs per example");
            }
            arrays.put("biases", new OnnxTensors.Constant(new long[] {units}, values, null, bias.dataType()));
        }
        return Mapping.layer(Layer.of("Linear", "units", units, "bias", hasBias), arrays, in.get(0));
    }

    private static Mapping matMul(OnnxNode n, Context c, List<String> in) {
        if (!c.isConstant(in.get(1))) {
            return opaque("its second factor is not a constant");
        }
        OnnxTensors.Constant b = c.constant(in.get(1));
        if (!b.isReal() || b.shape().length != 2) {
            return opaque("its second factor is not a real matrix");
        }
        int d = (int) b.shape()[0];
        int units = (int) b.shape()[1];
        float[] weights = new float[units * d];
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < d; k++) {
                weights[u * d + k] = b.floats()[k * units + u];
            }
        }
        return Mapping.layer(Layer.of("Linear", "units", units, "bias", false),
                Map.of("weights", new OnnxTensors.Constant(new long[] {units, d}, weights, null, b.dataType())), in.get(0));
    }

    private static Mapping pool(OnnxNode n, Context c, String x, String function) {
        if (n.proto().getOutputCount() > 1) {
            return opaque("its indices output is used");
        }
        List<String> other = n.attributesOtherThan("kernel_shape", "strides", "pads", "auto_pad", "ceil_mode",
                "count_include_pad", "dilations", "storage_order");
        if (!other.isEmpty()) {
            return opaque("attributes " + other + " are not supported");
        }
        int[] kernel = n.ints("kernel_shape");
        if (kernel == null) {
            return opaque("it has no kernel_shape");
        }
        int[] pads = n.ints("pads");
        boolean unpadded = pads == null || Arrays.stream(pads).allMatch(v -> v == 0);
        // With nothing padded, counting the padding changes nothing (a window hanging over the end, with
        // ceil_mode, is divided by what it covers either way).
        if (n.i("count_include_pad", 0) != 0 && !unpadded) {
            return opaque("count_include_pad=1 is not supported");
        }
        Window window = Window.of(n, kernel);
        if (!window.undilated()) {
            return opaque("dilated pooling is not supported");
        }
        Object padding = padding(n, window);
        if (padding instanceof String reason) {
            return opaque(reason.equals("same") ? "auto_pad SAME is not supported for pooling" : reason);
        }
        Layer layer = Layer.of("Pooling", "function", function, "kernel", list(kernel), "stride", list(window.strides()),
                "padding", padding);
        return Mapping.layer(n.i("ceil_mode", 0) != 0 ? layer.with("ceil", true) : layer, x);
    }

    /** ONNX keeps the pooled axes as size 1; a Reshape after NetStudio's GlobalPooling puts them back. */
    private static Mapping globalPool(Context c, String x, String function) {
        TensorType t = c.info(x).type();
        if (!t.rankKnown() || t.rank() < 2 || !t.dim(0).isFixed()) {
            return opaque("the number of channels of its input is not known");
        }
        List<Integer> shape = new ArrayList<>();
        shape.add(t.dim(0).size());
        for (int i = 1; i < t.rank(); i++) {
            shape.add(1);
        }
        return new Mapping.Layers(List.of(new Mapping.Step(Layer.of("GlobalPooling", "function", function), Map.of()),
                new Mapping.Step(Layer.of("Reshape", "shape", shape), Map.of())), List.of(x));
    }

    private static Mapping batchNorm(OnnxNode n, Context c, List<String> in) {
        if (n.proto().getOutputCount() > 1 || n.i("training_mode", 0) != 0) {
            return opaque("training mode is not imported");
        }
        if (in.size() != 5) {
            return opaque("it has " + in.size() + " inputs");
        }
        for (int i = 1; i < 5; i++) {
            if (!c.isConstant(in.get(i)) || !c.constant(in.get(i)).isReal()) {
                return opaque("its scale, bias, mean and variance are not all constants");
            }
        }
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        arrays.put("gamma", c.constant(in.get(1)));
        arrays.put("beta", c.constant(in.get(2)));
        arrays.put("movingMean", c.constant(in.get(3)));
        arrays.put("movingVar", c.constant(in.get(4)));
        // ONNX keeps the share of the old statistics, NetStudio (as PyTorch) the share of the new batch.
        double momentum = 1.0 - n.f("momentum", 0.9f);
        return Mapping.layer(Layer.of("BatchNorm", "epsilon", real(n.f("epsilon", 1e-5f)),
                "momentum", Math.max(0, Math.min(1, (double) Math.round(momentum * 1e6) / 1e6))), arrays, in.get(0));
    }

    /** A float attribute as the decimal it was written as (0.01f → 0.01, not 0.009999999776). */
    private static double real(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static Mapping dropout(OnnxNode n, Context c, List<String> in) {
        if (n.proto().getOutputCount() > 1 && !n.proto().getOutput(1).isEmpty()) {
            return opaque("its mask output is used");
        }
        if (!c.info(in.get(0)).isReal() || c.isConstant(in.get(0))) {
            return new Mapping.Alias(in.get(0), "Dropout does nothing at inference");
        }
        double rate = real(n.f("ratio", 0.5f));
        if (in.size() > 1 && !in.get(1).isEmpty()) {
            if (!c.isConstant(in.get(1)) || c.constant(in.get(1)).count() != 1) {
                return new Mapping.Alias(in.get(0), "Dropout does nothing at inference");
            }
            rate = real((float) c.constant(in.get(1)).value(0));
        }
        if (rate < 0 || rate >= 1) {
            return new Mapping.Alias(in.get(0), "Dropout does nothing at inference");
        }
        return Mapping.layer(Layer.of("Dropout", "rate", rate), in.get(0));
    }

    private static Mapping layerNorm(OnnxNode n, Context c, List<String> in) {
        int rank = c.info(in.get(0)).onnxRank();
        long axis = n.i("axis", -1);
        if (!(axis == -1 || (rank > 0 && axis == rank - 1))) {
            return opaque("it normalises over more than the last axis");
        }
        if (in.size() < 2 || !c.isConstant(in.get(1)) || (in.size() > 2 && !in.get(2).isEmpty() && !c.isConstant(in.get(2)))) {
            return opaque("its scale and bias are not constants");
        }
        if (n.proto().getOutputCount() > 1) {
            return opaque("its mean and variance outputs are used");
        }
        OnnxTensors.Constant scale = c.constant(in.get(1));
        if (!scale.isReal() || scale.shape().length != 1) {
            return opaque("its scale is not a vector");
        }
        OnnxTensors.Constant bias = in.size() > 2 && !in.get(2).isEmpty() ? c.constant(in.get(2))
                : new OnnxTensors.Constant(scale.shape(), new float[scale.count()], null, scale.dataType());
        return Mapping.layer(Layer.of("LayerNorm", "epsilon", real(n.f("epsilon", 1e-5f))),
                Map.of("gamma", scale, "beta", bias), in.get(0));
    }

    /** A mean or max over every axis but batch and channels, without keeping them, is GlobalPooling. */
    /**
     * A reduction: over all spatial axes of an image, not keeping them, a GlobalPooling (as PyTorch's
     * adaptive pooling to 1 exports); over other axes but the batch axis, an Aggregation.
     */
    private static Mapping reduce(OnnxNode n, Context c, List<String> in, String function) {
        int rank = c.info(in.get(0)).onnxRank();
        int[] axes = n.ints("axes");
        if (axes == null && in.size() > 1 && !in.get(1).isEmpty()) {
            if (!c.isConstant(in.get(1)) || c.constant(in.get(1)).isReal()) {
                return opaque("its axes are not a constant");
            }
            long[] l = c.constant(in.get(1)).longs();
            axes = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                axes[i] = (int) l[i];
            }
        }
        if (axes == null || axes.length == 0) {
            return opaque(n.i("noop_with_empty_axes", 0) != 0 ? "it reduces nothing" : "it reduces every axis, the batch axis too");
        }
        if (rank < 2) {
            return opaque("its input's rank is not known");
        }
        boolean keep = n.i("keepdims", 1) != 0;
        boolean[] seen = new boolean[rank];
        List<Integer> exampleAxes = new ArrayList<>();
        for (int a : axes) {
            int k = a < 0 ? a + rank : a;
            if (k < 0 || k >= rank || seen[k]) {
                return opaque("its axes " + java.util.Arrays.toString(axes) + " do not fit an input of rank " + rank);
            }
            if (k == 0) {
                return opaque("it reduces the batch axis");
            }
            seen[k] = true;
            exampleAxes.add(k - 1);
        }
        java.util.Collections.sort(exampleAxes);
        boolean allSpatial = rank >= 3 && exampleAxes.size() == rank - 2 && !seen[1];
        if (allSpatial && !keep && (function.equals("mean") || function.equals("max"))) {
            return Mapping.layer(Layer.of("GlobalPooling", "function", function), in.get(0));
        }
        Layer layer = Layer.of("Aggregation", "function", function, "axes", exampleAxes);
        return Mapping.layer(keep ? layer.with("keepAxes", true) : layer, in.get(0));
    }

    private static Mapping binary(OnnxNode n, Context c, List<String> in, String function) {
        if (in.size() != 2) {
            return opaque("it has " + in.size() + " inputs");
        }
        String a = in.get(0);
        String b = in.get(1);
        if (c.isConstant(b)) {
            OnnxTensors.Constant k = c.constant(b);
            if (k.count() != 1) {
                return constantArray(c, a, k, function);
            }
            String v = number(k.value(0));
            String expr = switch (function) {
                case "plus" -> "x + " + v;
                case "subtract" -> "x - " + v;
                case "times" -> "x * " + v;
                case "divide" -> "x / " + v;
                case "max" -> "max(x, " + v + ")";
                default -> "min(x, " + v + ")";
            };
            return Mapping.layer(Layer.of("Elementwise", "function", expr), a);
        }
        ValueInfo ia = c.info(a);
        ValueInfo ib = c.info(b);
        int ra = ia.onnxRank();
        int rb = ib.onnxRank();
        if (ra < 0 || rb < 0 || ra != rb) {
            // Only equal ONNX ranks keep the batch axes aligned.
            return opaque("its inputs' ranks are not known to be equal");
        }
        if (function.equals("plus") && ia.type().dimsKnown() && ia.type().dims().equals(ib.type().dims())) {
            return Mapping.layer(Layer.of("Total"), a, b);
        }
        return Mapping.layer(Layer.of("Threading", "function", function), a, b);
    }

    /**
     * Clip to fixed bounds as the layer a person would draw: {@code Ramp} for a lower bound of 0 and no upper one,
     * otherwise an {@code Elementwise} of {@code min}/{@code max} (ReLU6 is {@code min(max(x, 0), 6)}), so the
     * gradient flows through it. Bounds come from inputs 2 and 3 from opset 11 on, from attributes before.
     */
    private static Mapping clip(OnnxNode n, Context c, List<String> in) {
        Double lo;
        Double hi;
        if (c.opset() >= 11) {
            if (in.size() > 3) {
                return opaque("it has " + in.size() + " inputs");
            }
            String[] bounds = {in.size() > 1 ? in.get(1) : "", in.size() > 2 ? in.get(2) : ""};
            Double[] values = new Double[2];
            for (int i = 0; i < 2; i++) {
                if (bounds[i].isEmpty()) {
                    continue;
                }
                if (!c.isConstant(bounds[i]) || c.constant(bounds[i]).count() != 1) {
                    return opaque("its " + (i == 0 ? "lower" : "upper") + " bound is not one constant number");
                }
                values[i] = c.constant(bounds[i]).value(0);
            }
            lo = values[0];
            hi = values[1];
        } else {
            lo = n.has("min") ? (double) n.f("min", 0f) : null;
            hi = n.has("max") ? (double) n.f("max", 0f) : null;
        }
        String x = in.get(0);
        if (lo != null && hi != null && lo > hi) {
            return opaque("its lower bound " + number(lo) + " is above its upper bound " + number(hi));
        }
        if (lo == null && hi == null) {
            return new Mapping.Alias(x, "Clip without bounds passes its input through");
        }
        if (lo != null && lo == 0 && hi == null) {
            return Mapping.layer(Layer.of("Ramp"), x);
        }
        String expr = lo == null ? "min(x, " + number(hi) + ")"
                : hi == null ? "max(x, " + number(lo) + ")"
                : "min(max(x, " + number(lo) + "), " + number(hi) + ")";
        return Mapping.layer(Layer.of("Elementwise", "function", expr), x);
    }

    /**
     * The input times, plus, minus or divided by a constant array that broadcasts over each example (a layer
     * scale c×1×1, position embeddings 1×n×d): ConstantTimes or ConstantPlus holding the array (negated for a
     * subtraction, inverted for a division), so it learns. The array may not vary over the batch.
     */
    private static Mapping constantArray(Context c, String x, OnnxTensors.Constant k, String function) {
        if (!function.equals("plus") && !function.equals("times") && !function.equals("subtract")
                && !function.equals("divide")) {
            return opaque("its constant operand of shape " + Arrays.toString(k.shape()) + " is an array, not a number");
        }
        if (!k.isReal()) {
            return opaque("its constant array holds whole numbers");
        }
        int rank = c.info(x).onnxRank();
        long[] shape = k.shape();
        if (rank < 0 || shape.length > rank) {
            return opaque("its constant array of shape " + Arrays.toString(shape) + " may not broadcast over the input");
        }
        int start = shape.length == rank ? 1 : 0;
        if (start == 1 && shape[0] != 1) {
            return opaque("its constant array of shape " + Arrays.toString(shape) + " varies over the batch");
        }
        List<Integer> perExample = new ArrayList<>();
        for (int i = start; i < shape.length; i++) {
            perExample.add((int) shape[i]);
        }
        float[] values = k.floats().clone();
        for (int i = 0; i < values.length; i++) {
            if (function.equals("subtract")) {
                values[i] = -values[i];
            } else if (function.equals("divide")) {
                values[i] = 1 / values[i];
            }
        }
        long[] arrayShape = perExample.stream().mapToLong(Integer::longValue).toArray();
        boolean times = function.equals("times") || function.equals("divide");
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        arrays.put(times ? "scaling" : "biases", new OnnxTensors.Constant(arrayShape, values, null, k.dataType()));
        return Mapping.layer(Layer.of(times ? "ConstantTimes" : "ConstantPlus", "shape", perExample), arrays, x);
    }

    /** A number combined with the input, the number first: {@code 1 - x}, {@code 2 / x}. */
    private static Mapping constantFirst(Context c, List<String> in, String function) {
        OnnxTensors.Constant k = c.constant(in.get(0));
        if (k.count() != 1) {
            return function.equals("plus") || function.equals("times") ? constantArray(c, in.get(1), k, function)
                    : opaque("its constant operand of shape " + Arrays.toString(k.shape()) + " comes first");
        }
        String v = number(k.value(0));
        String expr = switch (function) {
            case "plus" -> v + " + x";
            case "subtract" -> v + " - x";
            case "times" -> v + " * x";
            case "divide" -> v + " / x";
            case "max" -> "max(" + v + ", x)";
            default -> "min(" + v + ", x)";
        };
        return Mapping.layer(Layer.of("Elementwise", "function", expr), in.get(1));
    }

    private static String number(double v) {
        String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).toPlainString();
        return v < 0 ? "(" + text + ")" : text;
    }

    private static Mapping sum(OnnxNode n, Context c, List<String> in) {
        if (in.size() < 2) {
            return in.size() == 1 ? new Mapping.Alias(in.get(0), "a Sum of one input is that input") : opaque("it has no inputs");
        }
        TensorType first = c.info(in.get(0)).type();
        for (String v : in) {
            if (c.isConstant(v) || !c.info(v).type().dimsKnown() || !c.info(v).type().dims().equals(first.dims())) {
                return opaque("its inputs are not known to have one shape");
            }
        }
        return new Mapping.Layers(List.of(new Mapping.Step(Layer.of("Total").withInputCount(in.size()), Map.of())), in);
    }

    private static Mapping concat(OnnxNode n, Context c, List<String> in) {
        for (String v : in) {
            if (c.isConstant(v)) {
                return opaque("input \"" + v + "\" is a constant");
            }
        }
        Integer axis = exampleAxis(n.i("axis", 1), c.info(in.get(0)).onnxRank());
        if (axis == null) {
            return opaque("it joins along the batch axis");
        }
        if (in.size() < 2) {
            return new Mapping.Alias(in.get(0), "a Concat of one input is that input");
        }
        return new Mapping.Layers(List.of(new Mapping.Step(Layer.of("Catenate", "axis", axis).withInputCount(in.size()),
                Map.of())), in);
    }

    private static Mapping flatten(OnnxNode n, Context c, String x) {
        long axis = n.i("axis", 1);
        int rank = c.info(x).onnxRank();
        if (axis == 1 || (rank > 0 && axis == 1 - rank)) {
            if (rank == 1) {
                return Mapping.layer(Layer.of("Reshape", "shape", List.of(1)), x);
            }
            return rank == 2 ? new Mapping.Alias(x, "flattening a batch of vectors changes nothing")
                    : Mapping.layer(Layer.of("Flatten"), x);
        }
        return opaque("flattening from axis " + axis + " mixes the batch axis");
    }

    private static Mapping reshape(OnnxNode n, Context c, List<String> in) {
        long[] target = in.size() == 2 ? reshapeTarget(c, in.get(1)) : null;
        if (target == null) {
            return opaque("its shape is neither a constant nor computed from the input's shape with only the batch size"
                    + " open");
        }
        if (target.length < 1) {
            return opaque("its shape is not a list of whole numbers");
        }
        TensorType t = c.info(in.get(0)).type();
        List<Integer> shape = new ArrayList<>();
        long first = target[0];
        if (first != 0 && first != -1) {
            return opaque("its shape " + Arrays.toString(target) + " does not keep the batch axis first");
        }
        boolean wild = first == -1;
        for (int i = 1; i < target.length; i++) {
            long v = target[i];
            if (v == 0) {
                // 0 copies the input's size on that axis.
                if (n.i("allowzero", 0) != 0 || !t.rankKnown() || i - 1 >= t.rank() || !t.dim(i - 1).isFixed()) {
                    return opaque("its shape copies a size that is not known");
                }
                v = t.dim(i - 1).size();
            }
            if (v == -1) {
                if (wild) {
                    return opaque("its shape " + Arrays.toString(target) + " leaves the batch size open");
                }
                wild = true;
            }
            shape.add((int) v);
        }
        if (shape.isEmpty()) {
            return opaque("it reshapes to a batch of scalars");
        }
        return Mapping.layer(Layer.of("Reshape", "shape", shape), in.get(0));
    }

    /**
     * A Reshape's target as numbers: a constant, or a vector the model computes from shapes (ShuffleNet's
     * {@code x.view(b, g, c // g, h, w)}) whose elements are all numbers but the first, the batch size, which
     * stands as 0 (ONNX's "the input's size on this axis"). Null when neither.
     */
    private static long[] reshapeTarget(Context c, String shape) {
        if (c.isConstant(shape)) {
            OnnxTensors.Constant s = c.constant(shape);
            return s.isReal() ? new long[0] : s.longs();
        }
        ShapeValues.Value v = c.shapeVector(shape);
        if (v == null || v.scalar() || v.elements().isEmpty()) {
            return null;
        }
        long[] target = new long[v.elements().size()];
        for (int i = 0; i < target.length; i++) {
            ShapeValues.Element e = v.elements().get(i);
            if (i == 0 && !e.isNumber() && ShapeValues.BATCH.equals(e.dim())) {
                target[i] = 0;
            } else if (e.isNumber()) {
                target[i] = e.number();
            } else {
                return null;
            }
        }
        return target;
    }

    /**
     * Slice with step 1 along one axis of the example of a known size is Part (ShuffleNet's
     * {@code x.chunk(2, dim=1)}, whose bounds the model computes from the input's shape); the whole
     * first axis backwards (start -1, an end before the first element, step -1), as NetStudio exports
     * SequenceReverse, is SequenceReverse. Other slices stay opaque.
     */
    private static Mapping slice(OnnxNode n, Context c, List<String> in) {
        String refused = "only a span of one axis (Part) or reversing a sequence (SequenceReverse) is mapped";
        if (c.opset() < 10 || in.size() < 3) {
            return opaque(refused);
        }
        // starts, ends, axes (without them: the first, the batch axis), steps (1).
        long[] v = {0, 0, 0, 1};
        for (int i = 0; i < 4; i++) {
            boolean given = i + 1 < in.size() && !in.get(i + 1).isEmpty();
            Long k = given ? sliceNumber(c, in.get(i + 1)) : Long.valueOf(v[i]);
            if (k == null) {
                return opaque(refused);
            }
            v[i] = k;
        }
        int rank = c.info(in.get(0)).onnxRank();
        Integer axis = exampleAxis(v[2], rank);
        if (axis != null && axis < 0 && rank > 0) {
            axis = rank - 1 + axis;
        }
        if (axis == null || axis < 0) {
            return opaque(refused);
        }
        // Any end at or below -2^31 lies before the first element of an axis of any size.
        if (axis == 0 && v[0] == -1 && v[1] <= Integer.MIN_VALUE && v[3] == -1) {
            return Mapping.layer(Layer.of("SequenceReverse"), in.get(0));
        }
        TensorType t = c.info(in.get(0)).type();
        if (v[3] != 1 || !t.rankKnown() || axis >= t.rank() || !t.dim(axis).isFixed()) {
            return opaque(refused);
        }
        int size = t.dim(axis).size();
        List<Integer> span = SliceRange.indices(size, v[0], v[1], 1);
        if (span.isEmpty()) {
            return opaque("it takes nothing from an axis of " + size);
        }
        if (span.size() == size) {
            return new Mapping.Alias(in.get(0), "a Slice of the whole axis is its input");
        }
        return Mapping.layer(Layer.of("Part", "axis", axis, "start", span.get(0), "end", span.get(span.size() - 1) + 1),
                in.get(0));
    }

    /** One whole number from a constant or a computed shape vector of one element, or null. */
    private static Long sliceNumber(Context c, String value) {
        if (c.isConstant(value)) {
            OnnxTensors.Constant k = c.constant(value);
            return k.isReal() || k.count() != 1 ? null : k.longs()[0];
        }
        ShapeValues.Value s = c.shapeVector(value);
        return s == null || s.elements().size() != 1 ? null : s.elements().get(0).number();
    }

    /** Taking the last element along the first axis after the batch is SequenceLast. */
    private static Mapping gather(OnnxNode n, Context c, List<String> in) {
        if (in.size() != 2 || !c.isConstant(in.get(1))) {
            return opaque("its indices are not a constant");
        }
        OnnxTensors.Constant k = c.constant(in.get(1));
        TensorType t = c.info(in.get(0)).type();
        Integer axis = exampleAxis(n.i("axis", 0), c.info(in.get(0)).onnxRank());
        boolean last = !k.isReal() && k.shape().length == 0 && (k.longs()[0] == -1
                || t.rankKnown() && t.rank() > 0 && t.dim(0).isFixed() && k.longs()[0] == t.dim(0).size() - 1);
        boolean first = !k.isReal() && k.shape().length == 0 && k.longs()[0] == 0;
        if (axis == null || axis != 0 || !last && !first) {
            return opaque("only taking the first or the last element of a sequence is mapped (SequenceLast)");
        }
        if (!last) {
            // The first element is the last of the sequence reversed (in a padded batch too: the padding stays behind).
            return new Mapping.Layers(List.of(new Mapping.Step(Layer.of("SequenceReverse"), Map.of()),
                    new Mapping.Step(Layer.of("SequenceLast"), Map.of())), List.of(in.get(0)));
        }
        return Mapping.layer(Layer.of("SequenceLast"), in.get(0));
    }

    private static Mapping transpose(OnnxNode n, Context c, String x) {
        int[] perm = n.ints("perm");
        if (perm == null || perm.length == 0) {
            return opaque("without perm it reverses all axes, the batch axis too");
        }
        if (perm[0] != 0) {
            return opaque("perm " + Arrays.toString(perm) + " moves the batch axis");
        }
        List<Integer> p = new ArrayList<>();
        for (int i = 1; i < perm.length; i++) {
            p.add(perm[i] - 1);
        }
        return Mapping.layer(Layer.of("Transpose", "perm", p), x);
    }
}
