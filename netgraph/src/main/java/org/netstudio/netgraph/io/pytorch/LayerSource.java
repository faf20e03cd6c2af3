package org.netstudio.netgraph.io.pytorch;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.expression.ExpressionException;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One catalog layer as PyTorch source: the module its constructor makes (when it is one: a layer
 * with arrays, or a standard {@code nn} module), the expression its forward computes, and which
 * PyTorch parameter each of its NetStudio arrays becomes. The expressions compute what the engine's
 * kernels compute, masks included: a layer that reads along a varying axis (a Softmax over a
 * sequence, the last element, attention over keys, pooling, a loss) is given that axis's lengths.
 */
final class LayerSource {

    /**
     * A layer's code.
     *
     * @param module  the constructor expression of its attribute, or null when the forward needs none
     * @param forward the forward expression (reads {@code self.<attribute>} when there is a module)
     * @param helpers the helper functions of model.py the expression calls
     */
    record Code(String module, String forward, List<String> helpers) {
    }

    private LayerSource() {
    }

    /**
     * The code of a layer.
     *
     * @param info    what inference found about it
     * @param self    its attribute, e.g. {@code self.conv1}
     * @param inputs  the Python expressions of its inputs, in port order
     * @param lengths the Python expression of the lengths of the varying size it reads along
     *                ({@link #varyingSize}), or null when there are none to mask with
     */
    static Code of(LayerInfo info, String self, List<String> inputs, String lengths) {
        Params p = info.params();
        String x = inputs.isEmpty() ? "x" : inputs.get(0);
        TensorType in = info.inputs().isEmpty() ? TensorType.ANY : info.inputs().get(0);
        String type = info.layer().type();
        return switch (type) {
            case "Linear" -> module("nn.Linear(" + lastSize(in) + ", " + p.getInt("units")
                    + (p.getBool("bias") ? "" : ", bias=False") + ")", self + "(" + x + ")");
            case "Convolution" -> module(convolution(p, in), self + "(" + x + ")");
            case "Deconvolution" -> module(deconvolution(p, in), self + "(" + x + ")");
            case "Pooling" -> module(pooling(p, in), self + "(" + x + ")");
            case "GlobalPooling" -> globalPooling(p, in, x, lengths);
            case "Upsample" -> module(upsample(p, in), self + "(" + x + ")");
            case "Padding" -> inline(padding(p, x));
            case "Aggregation" -> aggregation(p, in, x, lengths);
            case "Ramp" -> module("nn.ReLU()", self + "(" + x + ")");
            case "Tanh" -> module("nn.Tanh()", self + "(" + x + ")");
            case "Sigmoid" -> module("nn.Sigmoid()", self + "(" + x + ")");
            case "GELU" -> module("nn.GELU()", self + "(" + x + ")");
            case "SiLU" -> module("nn.SiLU()", self + "(" + x + ")");
            case "ELU" -> module("nn.ELU()", self + "(" + x + ")");
            case "SELU" -> module("nn.SELU()", self + "(" + x + ")");
            case "Softplus" -> module("nn.Softplus()", self + "(" + x + ")");
            case "LeakyReLU" -> module("nn.LeakyReLU(" + p.getDouble("alpha") + ")", self + "(" + x + ")");
            case "Elementwise" -> inline(ExpressionSource.of(expression(p.getString("function")), x));
            case "Softmax", "LogSoftmax" -> softmax(type.equals("LogSoftmax"), p.getInt("axis"), in, self, x, lengths);
            case "Dropout" -> module("nn.Dropout(" + p.getDouble("rate") + ")", self + "(" + x + ")");
            case "BatchNorm" -> module(batchNorm(p, in), self + "(" + x + ")");
            case "LayerNorm" -> module("nn.LayerNorm(" + lastSize(in) + epsilon(p) + ")", self + "(" + x + ")");
            case "Flatten" -> module("nn.Flatten()", self + "(" + x + ")");
            case "ConstantTimes" -> module(parameter("ones", info), x + " * " + self);
            case "ConstantPlus" -> module(parameter("zeros", info), x + " + " + self);
            case "Reshape" -> inline(x + ".reshape(" + x + ".shape[0], " + joined(p.getIntList("shape")) + ")");
            case "Part" -> inline(x + ".narrow(" + (p.getInt("axis") + 1) + ", " + p.getInt("start") + ", "
                    + (p.getInt("end") - p.getInt("start")) + ")");
            case "Transpose" -> inline(x + ".permute(0, " + joined(p.getIntList("perm").stream().map(a -> a + 1).toList()) + ")");
            case "Catenate" -> {
                int axis = p.getInt("axis");
                yield inline("torch.cat([" + String.join(", ", inputs) + "], dim=" + (axis >= 0 ? axis + 1 : axis) + ")");
            }
            case "Total" -> inline(String.join(" + ", inputs));
            case "Threading" -> threading(p.getString("function"), info, inputs);
            case "Embedding" -> module("nn.Embedding(" + info.arrays().get(0).shape().get(0) + ", " + p.getInt("size") + ")",
                    self + "(" + x + ")");
            case "UnitVector" -> inline("F.one_hot(" + x + ", " + p.getInt("size") + ").float()");
            case "LSTM", "GRU", "RNN" -> recurrent(type, p, in, self, x, lengths);
            case "SequenceLast" -> lengths == null ? inline(x + "[:, -1]")
                    : helper("sequence_last(" + x + ", " + lengths + ")", "sequence_last");
            case "SequenceReverse" -> lengths == null ? inline(x + ".flip(1)")
                    : helper("reverse_sequences(" + x + ", " + lengths + ")", "reverse_sequences");
            case "SequenceIndices" -> inline("torch.arange(" + x + ".shape[1], device=" + x + ".device).expand(" + x
                    + ".shape[0], -1)");
            case "Attention" -> helper("attention(" + String.join(", ", inputs) + ", heads=" + p.getInt("heads")
                    + ("causal".equals(p.getString("mask")) ? ", causal=True" : "")
                    + (lengths == null ? "" : ", key_lengths=" + lengths) + ")", "attention");
            case "CrossEntropyLoss" -> loss(switch (p.getString("target")) {
                case "index" -> "cross_entropy_index";
                case "probabilities" -> "cross_entropy_probabilities";
                default -> "binary_cross_entropy";
            }, in, inputs, lengths);
            case "MeanSquaredLoss" -> loss("squared_differences", in, inputs, lengths);
            case "MeanAbsoluteLoss" -> loss("absolute_differences", in, inputs, lengths);
            default -> throw new IllegalArgumentException(info.where() + " (" + type
                    + ") has no PyTorch equivalent; the export cannot include it");
        };
    }

    /**
     * The varying size whose lengths the layer reads along, as the engine's kernel does, or null
     * when it treats every element alike.
     */
    static String varyingSize(LayerInfo info) {
        if (info.inputs().isEmpty()) {
            return null;
        }
        TensorType in = info.inputs().get(0);
        if (!in.rankKnown()) {
            return null;
        }
        Params p = info.params();
        return switch (info.layer().type()) {
            case "Softmax", "LogSoftmax" -> {
                int axis = p.getInt("axis");
                int a = axis >= 0 ? axis : in.rank() + axis;
                yield a >= 0 && a < in.rank() ? symbolic(in.dim(a)) : null;
            }
            case "GlobalPooling" -> {
                String first = firstSymbolic(in);
                yield first != null && in.rank() > 1 && !(in.dim(0) instanceof Dim.Symbolic) ? first : null;
            }
            case "Aggregation" -> {
                boolean[] over = org.netstudio.netgraph.catalog.AxisLayers.aggregatedAxes(p, in.rank());
                String found = null;
                for (int i = 0; i < over.length && found == null; i++) {
                    found = over[i] ? symbolic(in.dim(i)) : null;
                }
                yield found;
            }
            case "SequenceLast", "SequenceReverse", "LSTM", "GRU", "RNN", "Attention" ->
                    in.rank() > 0 ? symbolic(in.dim(0)) : null;
            case "CrossEntropyLoss", "MeanSquaredLoss", "MeanAbsoluteLoss" -> firstSymbolic(in);
            default -> null;
        };
    }

    /**
     * The PyTorch name of a NetStudio array of a layer type (the layouts are the same), or "" when
     * the layer's attribute is the array itself (an {@code nn.Parameter}).
     */
    static String parameterName(String layerType, String array) {
        if (layerType.equals("ConstantTimes") || layerType.equals("ConstantPlus")) {
            return "";
        }
        return switch (array) {
            case "weights", "gamma" -> "weight";
            case "biases", "beta" -> "bias";
            case "movingMean" -> "running_mean";
            case "movingVar" -> "running_var";
            case "inputWeights" -> "weight_ih_l0";
            case "stateWeights" -> "weight_hh_l0";
            case "inputBiases" -> "bias_ih_l0";
            case "stateBiases" -> "bias_hh_l0";
            default -> throw new IllegalArgumentException(layerType + " has an array \"" + array
                    + "\" with no PyTorch equivalent");
        };
    }

    private static String symbolic(Dim d) {
        return d instanceof Dim.Symbolic s ? s.name() : null;
    }

    private static String firstSymbolic(TensorType t) {
        for (int i = 0; t.rankKnown() && i < t.rank(); i++) {
            if (t.dim(i) instanceof Dim.Symbolic s) {
                return s.name();
            }
        }
        return null;
    }

    /** The tensor axis (batch first) of the first varying axis of a type, or -1. */
    private static int firstSymbolicAxis(TensorType t) {
        for (int i = 0; t.rankKnown() && i < t.rank(); i++) {
            if (t.dim(i) instanceof Dim.Symbolic) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A learnable array of its own, as NetStudio initialises it (ones or zeros), of the array's shape. */
    private static String parameter(String fill, LayerInfo info) {
        List<String> dims = new ArrayList<>();
        for (Dim d : info.arrays().get(0).shape()) {
            if (!d.isFixed()) {
                throw new IllegalArgumentException("the array of " + info.where() + " has no known size");
            }
            dims.add(d.toString());
        }
        return "nn.Parameter(torch." + fill + "(" + String.join(", ", dims) + "))";
    }

    private static Code module(String module, String forward) {
        return new Code(module, forward, List.of());
    }

    private static Code inline(String forward) {
        return new Code(null, forward, List.of());
    }

    private static Code helper(String forward, String... helpers) {
        return new Code(null, forward, List.of(helpers));
    }

    private static Expression expression(String text) {
        try {
            return Expression.parse(text);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("Elementwise function " + e.getMessage(), e);
        }
    }

    private static int lastSize(TensorType t) {
        return size(t, t.rank() - 1);
    }

    private static int size(TensorType t, int axis) {
        if (!t.rankKnown() || axis < 0 || axis >= t.rank() || !t.dim(axis).isFixed()) {
            throw new IllegalArgumentException("a layer's input size is not known (" + t.shapeText() + ")");
        }
        return ((Dim.Fixed) t.dim(axis)).size();
    }

    private static String joined(List<Integer> values) {
        List<String> s = new ArrayList<>();
        values.forEach(v -> s.add(Integer.toString(v)));
        return String.join(", ", s);
    }

    /** One number when every axis has the same value, else a tuple. */
    private static String perAxis(Params p, String name, int axes) {
        int[] v = p.perAxis(name, axes);
        boolean same = true;
        for (int a : v) {
            same &= a == v[0];
        }
        if (same) {
            return Integer.toString(v[0]);
        }
        List<Integer> l = new ArrayList<>();
        for (int a : v) {
            l.add(a);
        }
        return "(" + joined(l) + ")";
    }

    private static String option(Params p, String name, int axes, String pyName, String fallback) {
        String v = perAxis(p, name, axes);
        return v.equals(fallback) ? "" : ", " + pyName + "=" + v;
    }

    private static String convolution(Params p, TensorType in) {
        int axes = in.rank() - 1;
        String padding = "same".equals(p.get("padding")) ? ", padding=\"same\"" : option(p, "padding", axes, "padding", "0");
        return "nn.Conv" + axes + "d(" + size(in, 0) + ", " + p.getInt("channels") + ", kernel_size="
                + perAxis(p, "kernel", axes) + option(p, "stride", axes, "stride", "1") + padding
                + option(p, "dilation", axes, "dilation", "1")
                + (p.getInt("groups") == 1 ? "" : ", groups=" + p.getInt("groups"))
                + (p.getBool("bias") ? "" : ", bias=False") + ")";
    }

    private static String deconvolution(Params p, TensorType in) {
        int axes = in.rank() - 1;
        return "nn.ConvTranspose" + axes + "d(" + size(in, 0) + ", " + p.getInt("channels") + ", kernel_size="
                + perAxis(p, "kernel", axes) + option(p, "stride", axes, "stride", "1")
                + option(p, "padding", axes, "padding", "0") + option(p, "outputPadding", axes, "output_padding", "0")
                + (p.getBool("bias") ? "" : ", bias=False") + ")";
    }

    private static String pooling(Params p, TensorType in) {
        int axes = in.rank() - 1;
        boolean max = "max".equals(p.getString("function"));
        String kernel = perAxis(p, "kernel", axes);
        String stride = p.has("stride") ? perAxis(p, "stride", axes) : kernel;
        String padding = option(p, "padding", axes, "padding", "0");
        boolean ceil = p.getBool("ceil");
        String args = kernel + (stride.equals(kernel) ? "" : ", stride=" + stride) + padding + (ceil ? ", ceil_mode=True" : "");
        // The engine's mean counts only the values a window covers inside the input.
        return max ? "nn.MaxPool" + axes + "d(" + args + ")"
                : "nn.AvgPool" + axes + "d(" + args + (padding.isEmpty() && !ceil ? "" : ", count_include_pad=False") + ")";
    }

    private static String upsample(Params p, TensorType in) {
        int axes = in.rank() - 1;
        String scale = perAxis(p, "scale", axes);
        if (!"linear".equals(p.getString("method"))) {
            return "nn.Upsample(scale_factor=" + scale + ")";
        }
        String mode = switch (axes) {
            case 1 -> "linear";
            case 2 -> "bilinear";
            default -> "trilinear";
        };
        return "nn.Upsample(scale_factor=" + scale + ", mode=\"" + mode + "\", align_corners=False)";
    }

    /** F.pad lists the last axis's pads first; PyTorch names ONNX's edge padding "replicate". */
    private static String padding(Params p, String x) {
        List<Integer> before = p.getIntList("before");
        List<Integer> after = org.netstudio.netgraph.catalog.AxisLayers.after(p);
        List<String> pads = new ArrayList<>();
        for (int i = before.size() - 1; i >= 0; i--) {
            pads.add(Integer.toString(before.get(i)));
            pads.add(Integer.toString(after.get(i)));
        }
        String method = p.getString("method");
        String mode = method.equals("edge") ? "replicate" : method;
        return "F.pad(" + x + ", (" + String.join(", ", pads) + "), mode=\"" + mode + "\""
                + (method.equals("constant") && p.getDouble("value") != 0 ? ", value=" + p.getDouble("value") : "") + ")";
    }

    private static Code aggregation(Params p, TensorType in, String x, String lengths) {
        boolean[] over = org.netstudio.netgraph.catalog.AxisLayers.aggregatedAxes(p, in.rank());
        List<Integer> dims = new ArrayList<>();
        int varying = -1;
        for (int i = 0; i < over.length; i++) {
            if (over[i]) {
                dims.add(i + 1);
                if (varying < 0 && in.dim(i) instanceof Dim.Symbolic) {
                    varying = i + 1;
                }
            }
        }
        String function = p.getString("function");
        String keep = p.getBool("keepAxes") ? "True" : "False";
        if (lengths != null) {
            return helper("aggregate(" + x + ", \"" + function + "\", (" + joined(dims) + ",), " + keep + ", " + lengths
                    + ", axis=" + varying + ")", "aggregate");
        }
        String method = switch (function) {
            case "total" -> "sum";
            case "max" -> "amax";
            case "min" -> "amin";
            default -> "mean";
        };
        return inline(x + "." + method + "(dim=(" + joined(dims) + ",), keepdim=" + keep + ")");
    }

    private static Code globalPooling(Params p, TensorType in, String x, String lengths) {
        boolean max = "max".equals(p.getString("function"));
        if (lengths != null) {
            return helper("global_pooling(" + x + ", \"" + (max ? "max" : "mean") + "\", " + lengths + ", axis="
                    + firstSymbolicAxis(in) + ")", "global_pooling");
        }
        return inline(x + ".flatten(2)." + (max ? "amax" : "mean") + "(2)");
    }

    private static String batchNorm(Params p, TensorType in) {
        int rank = in.rank();
        String kind = rank <= 2 ? "1d" : (rank - 1) + "d";
        return "nn.BatchNorm" + kind + "(" + size(in, 0) + epsilon(p)
                + (p.getDouble("momentum") == 0.1 ? "" : ", momentum=" + p.getDouble("momentum")) + ")";
    }

    private static String epsilon(Params p) {
        double e = p.getDouble("epsilon");
        return e == 1e-5 ? "" : ", eps=" + e;
    }

    private static Code softmax(boolean log, int axis, TensorType in, String self, String x, String lengths) {
        int dim = axis >= 0 ? axis + 1 : axis;
        if (lengths != null) {
            int tensorAxis = axis >= 0 ? axis + 1 : in.rank() + 1 + axis;
            return helper("masked_softmax(" + x + ", " + tensorAxis + ", " + lengths + (log ? ", log=True" : "") + ")",
                    "masked_softmax");
        }
        return module((log ? "nn.LogSoftmax(dim=" : "nn.Softmax(dim=") + dim + ")", self + "(" + x + ")");
    }

    private static Code threading(String function, LayerInfo info, List<String> inputs) {
        int rx = info.inputs().get(0).rank();
        int ry = info.inputs().get(1).rank();
        // Per example, sizes of 1 broadcast aligned from the last axis: the lower-rank input gets
        // new axes right after the batch axis.
        String a = inputs.get(0) + newAxes(ry - rx);
        String b = inputs.get(1) + newAxes(rx - ry);
        return inline(switch (function) {
            case "plus" -> a + " + " + b;
            case "subtract" -> a + " - " + b;
            case "divide" -> a + " / " + b;
            case "max" -> "torch.maximum(" + a + ", " + b + ")";
            case "min" -> "torch.minimum(" + a + ", " + b + ")";
            default -> a + " * " + b;
        });
    }

    private static String newAxes(int count) {
        return count <= 0 ? "" : "[:" + ", None".repeat(count) + "]";
    }

    private static Code recurrent(String type, Params p, TensorType in, String self, String x, String lengths) {
        String module = "nn." + type + "(" + lastSize(in) + ", " + p.getInt("units") + ", batch_first=True)";
        if (p.getBool("returnSequences")) {
            // The padding comes after each sequence, so no real step ever reads it.
            return module(module, self + "(" + x + ")[0]");
        }
        return new Code(module, "last_state(" + self + ", " + x + (lengths == null ? "" : ", " + lengths) + ")",
                List.of("last_state"));
    }

    private static Code loss(String function, TensorType in, List<String> inputs, String lengths) {
        String masked = lengths == null ? "" : ", " + lengths + ", axis=" + firstSymbolicAxis(in);
        return helper(function + "(" + inputs.get(0) + ", " + inputs.get(1) + masked + ")", function, "mean_per_example");
    }
}
