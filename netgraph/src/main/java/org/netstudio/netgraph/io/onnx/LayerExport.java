package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.OnnxAttributes.integer;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.ints;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.real;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.text;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.catalog.OnnxInputs;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.expression.ExpressionException;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Writes the nodes of one net into an ONNX graph: containers are flattened (a node's ONNX name
 * is its path, {@code block1/conv1}), catalog layers become ONNX operators with their weights as
 * initializers, and per-example axes shift by one for the batch axis. One use per export.
 */
final class LayerExport {

    /** Catalog layers with an ONNX form. */
    static final Set<String> EXPORTED = Set.of("Linear", "Convolution", "Pooling", "GlobalPooling", "Ramp", "Tanh",
            "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "Softplus", "LeakyReLU", "Softmax", "LogSoftmax", "Dropout",
            "BatchNorm", "LayerNorm", "Flatten", "Reshape", "Transpose", "Part", "Catenate", "Total", "Threading", "OnnxOperator",
            "Elementwise", "LSTM", "GRU", "RNN", "SequenceLast", "SequenceReverse", "SequenceIndices", "Embedding", "Deconvolution", "Upsample", "ConstantTimes", "ConstantPlus", "UnitVector", "Attention", "Padding", "Aggregation");

    private final GraphProto.Builder g;
    private final InferenceResult inference;
    private final Weights weights;
    private final Map<String, TensorType> types = new HashMap<>();
    private final Map<String, OperatorSetIdProto> domains = new LinkedHashMap<>();
    private final int opset;
    private int fresh;

    LayerExport(GraphProto.Builder g, InferenceResult inference, Weights weights, int opset) {
        this.g = g;
        this.inference = inference;
        this.weights = weights;
        this.opset = opset;
    }

    /**
     * The opset to write: that of the imported ONNX operators of the default domain when they share
     * one from 13 to 17 (they must keep their meaning), else {@link OnnxExporter#OPSET}.
     */
    static int opsetOf(NetNode n) {
        Set<Integer> found = new java.util.TreeSet<>();
        layers(n, l -> {
            if (l.type().equals("OnnxOperator") && l.params().getString("op").indexOf(':') < 0) {
                found.add(l.params().getInt("opset"));
            }
        });
        return found.size() == 1 ? Math.max(13, Math.min(OnnxExporter.OPSET, found.iterator().next())) : OnnxExporter.OPSET;
    }

    private static void layers(NetNode n, java.util.function.Consumer<Layer> action) {
        if (n instanceof Chain c) {
            c.elements().forEach(e -> layers(e.node(), action));
        } else if (n instanceof Graph gr) {
            gr.nodes().values().forEach(node -> layers(node, action));
        } else if (n instanceof Layer l) {
            action.accept(l);
        }
    }

    static void collectUnsupported(NetNode n, NodePath path, int opset, List<String> out) {
        if (n instanceof SequenceOperator op) {
            // ONNX's Scan and Loop could hold one, but no runtime NetStudio checks against runs them alike.
            out.add("'" + (path.isRoot() ? op.typeName() : path.toString()) + "' (" + op.typeName()
                    + ": ONNX export does not write sequence operators)");
        } else if (n instanceof Chain c) {
            c.elements().forEach(e -> collectUnsupported(e.node(), path.child(e.name()), opset, out));
        } else if (n instanceof Graph gr) {
            gr.nodes().forEach((name, node) -> collectUnsupported(node, path.child(name), opset, out));
        } else if (n instanceof Layer l) {
            String problem = null;
            if (!EXPORTED.contains(l.type())) {
                problem = "no ONNX operator";
            } else if (l.type().equals("OnnxOperator") && l.params().getString("node") == null) {
                problem = "no ONNX node kept";
            } else if (l.type().equals("Attention") && "causal".equals(l.params().getString("mask")) && opset < 14) {
                problem = "its causal mask needs ONNX's Trilu (opset 14), but the net's ONNX operators are opset " + opset;
            } else if (l.type().equals("OnnxOperator") && l.params().getInt("opset") != opset
                    && (l.params().getString("op").indexOf(':') < 0)) {
                problem = "written for opset " + l.params().getInt("opset") + ", not " + opset;
            }
            if (problem != null) {
                out.add("'" + (path.isRoot() ? l.type() : path.toString()) + "' (" + l.type() + ": " + problem + ")");
            }
        }
    }

    List<OperatorSetIdProto> extraDomains() {
        return new ArrayList<>(domains.values());
    }

    /** Records the per-example type of a value the export did not write (a net input). */
    void declare(String value, TensorType type) {
        types.put(value, type);
    }

    TensorType typeOf(String value) {
        return types.getOrDefault(value, TensorType.ANY);
    }

    /** Writes a node fed by the given values; returns the values of its outputs, in port order. */
    List<String> node(NetNode n, NodePath path, List<String> inputs) {
        if (n instanceof Chain c) {
            List<String> cur = inputs;
            for (Chain.Element e : c.elements()) {
                cur = node(e.node(), path.child(e.name()), cur);
            }
            return cur;
        }
        if (n instanceof Graph gr) {
            return graph(gr, path, inputs);
        }
        Layer l = (Layer) n;
        LayerInfo info = inference.layer(path);
        String out = path.isRoot() ? "output" : path.toString();
        layer(l, info, path, inputs, out);
        types.put(out, info.outputs().get(0));
        return List.of(out);
    }

    private List<String> graph(Graph gr, NodePath path, List<String> inputs) {
        Map<PortRef, String> values = new HashMap<>();
        List<String> ins = gr.inputNames();
        for (int i = 0; i < ins.size(); i++) {
            values.put(PortRef.graphPort(ins.get(i)), inputs.get(i));
        }
        Map<PortRef, PortRef> into = new HashMap<>();
        for (Edge e : gr.edges()) {
            into.put(e.to(), e.from());
        }
        List<String> pending = new ArrayList<>(gr.nodes().keySet());
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (String name : new ArrayList<>(pending)) {
                NetNode node = gr.nodes().get(name);
                List<String> args = new ArrayList<>();
                for (String port : node.inputNames()) {
                    PortRef from = into.get(PortRef.of(name, port));
                    String v = from == null ? null : values.get(from);
                    if (v == null) {
                        break;
                    }
                    args.add(v);
                }
                if (args.size() != node.inputNames().size()) {
                    continue;
                }
                List<String> outs = node(node, path.child(name), args);
                for (int k = 0; k < outs.size(); k++) {
                    values.put(PortRef.of(name, node.outputNames().get(k)), outs.get(k));
                }
                pending.remove(name);
                progressed = true;
            }
            if (!progressed) {
                throw new IllegalArgumentException("The graph " + (path.isRoot() ? "" : "'" + path + "' ")
                        + "has nodes whose inputs are not all wired: " + pending);
            }
        }
        List<String> outs = new ArrayList<>();
        for (String o : gr.outputNames()) {
            PortRef from = into.get(PortRef.graphPort(o));
            if (from == null || values.get(from) == null) {
                throw new IllegalArgumentException("The graph's output " + o + " is not wired");
            }
            outs.add(values.get(from));
        }
        return outs;
    }

    // ---- one layer ----

    private void layer(Layer l, LayerInfo info, NodePath path, List<String> in, String out) {
        Params p = info.params();
        String name = path.isRoot() ? l.type() : path.toString();
        TensorType x = info.inputs().get(0);
        if (RANK_DEPENDENT.contains(l.type())) {
            requireRanks(l, info, name);
        }
        switch (l.type()) {
            case "Linear" -> linear(p, path, name, in.get(0), x, out);
            case "Convolution" -> {
                int axes = x.rank() - 1;
                List<String> args = weightsAndBiases(p, path, in.get(0));
                int[] k = p.perAxis("kernel", axes);
                int[] d = p.perAxis("dilation", axes);
                emit(op("Conv", name, args, out).addAttribute(ints("kernel_shape", k))
                        .addAttribute(ints("strides", p.perAxis("stride", axes))).addAttribute(ints("dilations", d))
                        .addAttribute(ints("pads", pads(p, axes, k, d))).addAttribute(integer("group", p.getInt("groups"))));
            }
            case "Deconvolution" -> {
                int axes = x.rank() - 1;
                List<String> args = weightsAndBiases(p, path, in.get(0));
                int[] pad = p.perAxis("padding", axes);
                // NetStudio's weights are ConvTranspose's layout already: in-channels × out-channels × kernel.
                emit(op("ConvTranspose", name, args, out).addAttribute(ints("kernel_shape", p.perAxis("kernel", axes)))
                        .addAttribute(ints("strides", p.perAxis("stride", axes))).addAttribute(ints("pads", concat(pad, pad)))
                        .addAttribute(ints("output_padding", p.perAxis("outputPadding", axes))));
            }
            case "ConstantTimes" -> emit(op("Mul", name, List.of(in.get(0), init(path, "scaling")), out));
            case "ConstantPlus" -> emit(op("Add", name, List.of(in.get(0), init(path, "biases")), out));
            case "Upsample" -> {
                int[] scale = p.perAxis("scale", x.rank() - 1);
                float[] scales = new float[scale.length + 2];
                scales[0] = 1;
                scales[1] = 1;
                for (int i = 0; i < scale.length; i++) {
                    scales[i + 2] = scale[i];
                }
                g.addInitializer(OnnxTensors.floats(name + ":scales", new long[] {scales.length}, scales));
                boolean linear = "linear".equals(p.getString("method"));
                // The sampling PyTorch exports for nn.Upsample, so both ways give the same numbers.
                emit(op("Resize", name, List.of(in.get(0), "", name + ":scales"), out)
                        .addAttribute(text("mode", linear ? "linear" : "nearest"))
                        .addAttribute(text("coordinate_transformation_mode", linear ? "half_pixel" : "asymmetric"))
                        .addAttribute(text("nearest_mode", "floor")));
            }
            case "Pooling" -> {
                int axes = x.rank() - 1;
                int[] k = p.perAxis("kernel", axes);
                int[] s = p.has("stride") ? p.perAxis("stride", axes) : k;
                int[] pad = p.perAxis("padding", axes);
                emit(op("max".equals(p.getString("function")) ? "MaxPool" : "AveragePool", name, List.of(in.get(0)), out)
                        .addAttribute(ints("kernel_shape", k)).addAttribute(ints("strides", s))
                        .addAttribute(ints("pads", concat(pad, pad))).addAttribute(integer("ceil_mode", p.getBool("ceil") ? 1 : 0)));
            }
            case "GlobalPooling" -> {
                int[] axes = new int[x.rank() - 1];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = i + 2;
                }
                emit(op("max".equals(p.getString("function")) ? "ReduceMax" : "ReduceMean", name, List.of(in.get(0)), out)
                        .addAttribute(ints("axes", axes)).addAttribute(integer("keepdims", 0)));
            }
            case "Padding" -> padding(p, name, in.get(0), x.rank(), out);
            case "Aggregation" -> aggregation(p, name, in.get(0), x.rank(), out);
            case "Ramp" -> emit(op("Relu", name, in, out));
            case "Tanh", "Sigmoid", "Softplus" -> emit(op(l.type(), name, in, out));
            case "ELU" -> emit(op("Elu", name, in, out));
            case "SELU" -> emit(op("Selu", name, in, out));
            case "LeakyReLU" -> emit(op("LeakyRelu", name, in, out).addAttribute(real("alpha", p.getDouble("alpha"))));
            case "SiLU" -> {
                String s = name + ":sigmoid";
                emit(op("Sigmoid", s, in, s));
                emit(op("Mul", name, List.of(in.get(0), s), out));
            }
            case "GELU" -> gelu(name, in.get(0), out);
            case "Softmax", "LogSoftmax" -> emit(op(l.type(), name, in, out)
                    .addAttribute(integer("axis", onnxAxis(p.getInt("axis")))));
            case "Dropout" -> emit(op("Dropout", name, List.of(in.get(0), scalar(name + ":ratio", (float) p.getDouble("rate"))), out));
            case "BatchNorm" -> emit(op("BatchNormalization", name, List.of(in.get(0), init(path, "gamma"), init(path, "beta"),
                    init(path, "movingMean"), init(path, "movingVar")), out)
                    .addAttribute(real("epsilon", p.getDouble("epsilon")))
                    .addAttribute(real("momentum", 1 - p.getDouble("momentum"))));
            case "LayerNorm" -> layerNorm(p, path, name, in.get(0), out);
            case "Flatten" -> emit(op("Flatten", name, in, out).addAttribute(integer("axis", 1)));
            case "Reshape" -> {
                List<Integer> shape = p.getIntList("shape");
                long[] s = new long[shape.size() + 1];
                for (int i = 0; i < shape.size(); i++) {
                    s[i + 1] = shape.get(i);
                }
                emit(op("Reshape", name, List.of(in.get(0), longs(name + ":shape", s)), out));
            }
            case "Transpose" -> {
                List<Integer> perm = p.getIntList("perm");
                int[] pp = new int[perm.size() + 1];
                for (int i = 0; i < perm.size(); i++) {
                    pp[i + 1] = perm.get(i) + 1;
                }
                emit(op("Transpose", name, in, out).addAttribute(ints("perm", pp)));
            }
            case "Part" -> emit(op("Slice", name, List.of(in.get(0),
                    longs(name + ":starts", new long[] {p.getInt("start")}), longs(name + ":ends", new long[] {p.getInt("end")}),
                    longs(name + ":axes", new long[] {p.getInt("axis") + 1})), out));
            case "Catenate" -> emit(op("Concat", name, in, out).addAttribute(integer("axis", onnxAxis(p.getInt("axis")))));
            case "Total" -> emit(op(in.size() == 2 ? "Add" : "Sum", name, in, out));
            case "Threading" -> threading(p, name, in, info.inputs(), out);
            case "OnnxOperator" -> opaque(p, path, name, in, out);
            case "Elementwise" -> elementwise(p.getString("function"), name, in.get(0), out);
            case "LSTM", "GRU", "RNN" -> recurrent(l.type(), p, path, name, in.get(0), out);
            case "SequenceReverse" -> {
                // Slice backwards over the whole sequence axis: ReverseSequence would need every example's length.
                emit(op("Slice", name, List.of(in.get(0), longs(name + ":starts", new long[] {-1}),
                        longs(name + ":ends", new long[] {Long.MIN_VALUE}), longs(name + ":axes", new long[] {1}),
                        longs(name + ":steps", new long[] {-1})), out));
            }
            case "Embedding" -> {
                // Gather on the table's first axis; ONNX wants integer indices, so real-typed ones are cast.
                String ids = in.get(0);
                if (!(x.kind() instanceof ElementKind.Index || x.kind() instanceof ElementKind.Integer)) {
                    ids = name + ":indices";
                    emit(op("Cast", name + ":cast", in, ids).addAttribute(integer("to", TensorProto.DataType.INT64_VALUE)));
                }
                emit(op("Gather", name, List.of(init(path, "weights"), ids), out).addAttribute(integer("axis", 0)));
            }
            case "Attention" -> attention(p, name, in, info.inputs(), out);
            case "UnitVector" -> {
                // OneHot on the last axis, 0 and 1 as floats; ONNX wants integer indices, as for Embedding.
                String ids = in.get(0);
                if (!(x.kind() instanceof ElementKind.Index || x.kind() instanceof ElementKind.Integer)) {
                    ids = name + ":indices";
                    emit(op("Cast", name + ":cast", in, ids).addAttribute(integer("to", TensorProto.DataType.INT64_VALUE)));
                }
                g.addInitializer(OnnxTensors.floats(name + ":values", new long[] {2}, new float[] {0, 1}));
                emit(op("OneHot", name, List.of(ids, longs(name + ":depth", new long[] {p.getInt("size")}),
                        name + ":values"), out).addAttribute(integer("axis", -1)));
            }
            case "SequenceLast" -> {
                String last = name + ":last";
                g.addInitializer(OnnxTensors.longs(last, new long[0], new long[] {-1}));
                emit(op("Gather", name, List.of(in.get(0), last), out).addAttribute(integer("axis", 1)));
            }
            case "SequenceIndices" -> sequenceIndices(name, in.get(0), out);
            default -> throw new IllegalArgumentException("'" + name + "' (" + l.type() + ") cannot be exported to ONNX");
        }
    }

    /**
     * 0 … n-1 for every example: ones over (batch, n), summed along n leaving each element out. The
     * importer reads these four nodes back as SequenceIndices ({@link SequencePositions}).
     */
    private void sequenceIndices(String name, String x, String out) {
        emit(op("Shape", name + ":shape", List.of(x), name + ":shape"));
        emit(op("Slice", name + ":size", List.of(name + ":shape", longs(name + ":from", new long[] {0}),
                longs(name + ":to", new long[] {2})), name + ":size"));
        emit(op("ConstantOfShape", name + ":ones", List.of(name + ":size"), name + ":ones").addAttribute(
                AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(OnnxTensors.longs("", new long[] {1}, new long[] {1}))));
        g.addInitializer(OnnxTensors.longs(name + ":axis", new long[0], new long[] {1}));
        emit(op("CumSum", name, List.of(name + ":ones", name + ":axis"), out).addAttribute(integer("exclusive", 1)));
    }

    /** Layers whose ONNX form depends on how many axes their inputs have. */
    private static final java.util.Set<String> RANK_DEPENDENT = java.util.Set.of("Convolution", "Deconvolution", "Upsample", "Pooling",
            "GlobalPooling", "Threading", "Padding", "Aggregation");

    /**
     * Refuses, naming the layer, to export a layer whose ONNX form depends on its inputs' ranks when
     * inference cannot tell them: it follows an imported ONNX operator of unknown output shape.
     */
    private static void requireRanks(Layer l, LayerInfo info, String name) {
        for (TensorType t : info.inputs()) {
            if (!t.rankKnown()) {
                throw new IllegalArgumentException("'" + name + "' (" + l.type() + ") cannot be exported to ONNX: how"
                        + " many axes its input has is not known (it comes from an imported ONNX operator whose"
                        + " output shape NetStudio cannot tell)");
            }
        }
    }

    private void linear(Params p, NodePath path, String name, String x, TensorType t, String out) {
        WeightArray w = array(path, "weights");
        if (t.rank() == 1) {
            List<String> args = new ArrayList<>(List.of(x, init(path, "weights")));
            if (p.getBool("bias")) {
                args.add(init(path, "biases"));
            }
            emit(op("Gemm", name, args, out).addAttribute(integer("transB", 1)));
            return;
        }
        // On higher ranks Linear acts on the last axis: MatMul with the transposed weights, then the bias.
        long[] s = w.shape();
        float[] v = w.floats();
        float[] tr = new float[v.length];
        for (int u = 0; u < s[0]; u++) {
            for (int k = 0; k < s[1]; k++) {
                tr[(int) (k * s[0] + u)] = v[(int) (u * s[1] + k)];
            }
        }
        String wt = name + ":weights";
        g.addInitializer(OnnxTensors.floats(wt, new long[] {s[1], s[0]}, tr));
        if (!p.getBool("bias")) {
            emit(op("MatMul", name, List.of(x, wt), out));
            return;
        }
        String mm = name + ":matmul";
        emit(op("MatMul", name, List.of(x, wt), mm));
        emit(op("Add", name + ":bias", List.of(mm, init(path, "biases")), out));
    }

    /**
     * ONNX recurrent operators read time-major sequences, {@code [n, batch, d]}, and give
     * {@code [n, directions, batch, units]} and the last state {@code [directions, batch, units]}:
     * Transposes and a Squeeze put NetStudio's batch-first layout around them.
     */
    private void recurrent(String type, Params p, NodePath path, String name, String x, String out) {
        String timeMajor = name + ":timeMajor";
        emit(op("Transpose", name + ":transpose", List.of(x), timeMajor).addAttribute(ints("perm", new int[] {1, 0, 2})));
        WeightArray w = array(path, "inputWeights");
        WeightArray r = array(path, "stateWeights");
        float[] bw = RecurrentGates.toOnnx(type, array(path, "inputBiases").floats());
        float[] br = RecurrentGates.toOnnx(type, array(path, "stateBiases").floats());
        float[] b = new float[bw.length + br.length];
        System.arraycopy(bw, 0, b, 0, bw.length);
        System.arraycopy(br, 0, b, bw.length, br.length);
        String wName = name + ":W";
        String rName = name + ":R";
        String bName = name + ":B";
        g.addInitializer(OnnxTensors.floats(wName, new long[] {1, w.shape()[0], w.shape()[1]}, RecurrentGates.toOnnx(type, w.floats())));
        g.addInitializer(OnnxTensors.floats(rName, new long[] {1, r.shape()[0], r.shape()[1]}, RecurrentGates.toOnnx(type, r.floats())));
        g.addInitializer(OnnxTensors.floats(bName, new long[] {1, b.length}, b));
        String all = name + ":Y";
        String last = name + ":Y_h";
        NodeProto.Builder n = op(type, name, List.of(timeMajor, wName, rName, bName), all).addOutput(last)
                .addAttribute(integer("hidden_size", p.getInt("units")));
        if (type.equals("GRU")) {
            // PyTorch's GRU, which the engine runs, applies the reset gate after the state's linear map.
            n.addAttribute(integer("linear_before_reset", 1));
        }
        emit(n);
        if (p.getBool("returnSequences")) {
            String squeezed = name + ":squeeze";
            emit(op("Squeeze", name + ":squeeze", List.of(all, longs(name + ":axes", new long[] {1})), squeezed));
            emit(op("Transpose", name + ":batchFirst", List.of(squeezed), out).addAttribute(ints("perm", new int[] {1, 0, 2})));
        } else {
            emit(op("Squeeze", name + ":squeeze", List.of(last, longs(name + ":axes", new long[] {0})), out));
        }
    }

    /** The input, the weights and, when the layer has them, the biases: a (de)convolution's ONNX inputs. */
    private List<String> weightsAndBiases(Params p, NodePath path, String x) {
        List<String> args = new ArrayList<>(List.of(x, init(path, "weights")));
        if (p.getBool("bias")) {
            args.add(init(path, "biases"));
        }
        return args;
    }

    private void layerNorm(Params p, NodePath path, String name, String x, String out) {
        String gamma = init(path, "gamma");
        String beta = init(path, "beta");
        if (opset >= 17) {
            emit(op("LayerNormalization", name, List.of(x, gamma, beta), out)
                    .addAttribute(integer("axis", -1)).addAttribute(real("epsilon", p.getDouble("epsilon"))));
            return;
        }
        // Before opset 17 (a net holding older imported operators) written out as PyTorch writes it then.
        String mean = name + ":mean";
        String centred = name + ":centred";
        String square = name + ":square";
        String variance = name + ":variance";
        String shifted = name + ":shifted";
        String deviation = name + ":deviation";
        String normal = name + ":normal";
        String scaled = name + ":scaled";
        emit(op("ReduceMean", mean, List.of(x), mean).addAttribute(ints("axes", new int[] {-1})));
        emit(op("Sub", centred, List.of(x, mean), centred));
        emit(op("Pow", square, List.of(centred, scalar(name + ":two", 2f)), square));
        emit(op("ReduceMean", variance, List.of(square), variance).addAttribute(ints("axes", new int[] {-1})));
        emit(op("Add", shifted, List.of(variance, scalar(name + ":epsilon", (float) p.getDouble("epsilon"))), shifted));
        emit(op("Sqrt", deviation, List.of(shifted), deviation));
        emit(op("Div", normal, List.of(centred, deviation), normal));
        emit(op("Mul", scaled, List.of(normal, gamma), scaled));
        emit(op("Add", name, List.of(scaled, beta), out));
    }

    /**
     * Multi-head scaled dot-product attention as the engine computes it ({@code AttentionKernels}): heads split
     * off the last axis, {@code softmax(Q·Kᵀ/√(k/heads))·V}, heads joined again; a causal mask from Trilu, so
     * it fits any sequence length. Inputs in the catalog's order: Key, Value, Query.
     */
    private void attention(Params p, String name, List<String> in, List<TensorType> types, String out) {
        int heads = p.getInt("heads");
        int k = types.get(0).dim(-1).size();
        int v = types.get(1).dim(-1).size();
        String q = heads(name + ":query", in.get(2), heads, k, new int[] {0, 2, 1, 3});
        String kt = heads(name + ":key", in.get(0), heads, k, new int[] {0, 2, 3, 1});
        String values = heads(name + ":value", in.get(1), heads, v, new int[] {0, 2, 1, 3});
        String products = name + ":products";
        emit(op("MatMul", products, List.of(q, kt), products));
        String scores = name + ":scores";
        emit(op("Div", scores, List.of(products, scalar(name + ":scale", (float) Math.sqrt((double) k / heads))), scores));
        if ("causal".equals(p.getString("mask"))) {
            String n = name + ":n";
            String m = name + ":m";
            emit(op("Shape", name + ":queryShape", List.of(in.get(2)), name + ":queryShape"));
            emit(op("Gather", n, List.of(name + ":queryShape", longs(name + ":lengthAxis", new long[] {1})), n));
            emit(op("Shape", name + ":keyShape", List.of(in.get(0)), name + ":keyShape"));
            emit(op("Gather", m, List.of(name + ":keyShape", name + ":lengthAxis"), m));
            String size = name + ":maskSize";
            emit(op("Concat", size, List.of(n, m), size).addAttribute(integer("axis", 0)));
            String ones = name + ":ones";
            emit(op("ConstantOfShape", ones, List.of(size), ones).addAttribute(AttributeProto.newBuilder().setName("value")
                    .setType(AttributeProto.AttributeType.TENSOR)
                    .setT(OnnxTensors.floats("one", new long[] {1}, new float[] {1})).build()));
            String seen = name + ":seen";
            emit(op("Trilu", seen, List.of(ones), seen).addAttribute(integer("upper", 0)));
            // 0 where query i may see key j (j ≤ i), a very large negative number elsewhere.
            String hidden = name + ":hidden";
            emit(op("Sub", hidden, List.of(seen, scalar(name + ":one", 1f)), hidden));
            String penalty = name + ":penalty";
            emit(op("Mul", penalty, List.of(hidden, scalar(name + ":large", 1e30f)), penalty));
            String masked = name + ":masked";
            emit(op("Add", masked, List.of(scores, penalty), masked));
            scores = masked;
        }
        for (int i = 3; i < in.size(); i++) {
            scores = keyMask(name + ":mask" + (i - 2), in.get(i), scores);
        }
        String weights = name + ":weights";
        emit(op("Softmax", weights, List.of(scores), weights).addAttribute(integer("axis", -1)));
        String mixed = name + ":mixed";
        emit(op("MatMul", mixed, List.of(weights, values), mixed));
        String joined = name + ":joined";
        emit(op("Transpose", joined, List.of(mixed), joined).addAttribute(ints("perm", new int[] {0, 2, 1, 3})));
        emit(op("Reshape", name, List.of(joined, longs(name + ":outShape", new long[] {0, 0, v})), out));
    }

    /** The scores plus a very large negative number at the keys a {@code (batch, m)} mask holds 0 for. */
    private String keyMask(String name, String mask, String scores) {
        String real = name + ":real";
        emit(op("Cast", real, List.of(mask), real).addAttribute(integer("to", TensorProto.DataType.FLOAT_VALUE)));
        String zero = name + ":zero";
        emit(op("Equal", zero, List.of(real, scalar(name + ":0", 0f)), zero));
        String hidden = name + ":hidden";
        emit(op("Cast", hidden, List.of(zero), hidden).addAttribute(integer("to", TensorProto.DataType.FLOAT_VALUE)));
        String penalty = name + ":penalty";
        emit(op("Mul", penalty, List.of(hidden, scalar(name + ":large", -1e30f)), penalty));
        String perKey = name + ":perKey";
        emit(op("Unsqueeze", perKey, List.of(penalty, longs(name + ":axes", new long[] {1, 2})), perKey));
        String masked = name + ":masked";
        emit(op("Add", masked, List.of(scores, perKey), masked));
        return masked;
    }

    /** {@code (batch, len, d) → (batch, heads, len, d/heads)} permuted by {@code perm}. */
    private String heads(String name, String x, int heads, int d, int[] perm) {
        String split = name + ":split";
        emit(op("Reshape", split, List.of(x, longs(name + ":splitShape", new long[] {0, 0, heads, d / heads})), split));
        emit(op("Transpose", name, List.of(split), name).addAttribute(ints("perm", perm)));
        return name;
    }

    private void gelu(String name, String x, String out) {
        // 0.5·x·(1 + erf(x/√2)), the exact GELU (ONNX's Gelu operator arrives only in opset 20).
        String div = name + ":div";
        String erf = name + ":erf";
        String add = name + ":add";
        String mul = name + ":mul";
        emit(op("Div", div, List.of(x, scalar(name + ":sqrt2", (float) Math.sqrt(2))), div));
        emit(op("Erf", erf, List.of(div), erf));
        emit(op("Add", add, List.of(erf, scalar(name + ":one", 1f)), add));
        emit(op("Mul", mul, List.of(x, add), mul));
        emit(op("Mul", name, List.of(mul, scalar(name + ":half", 0.5f)), out));
    }

    private void elementwise(String function, String name, String x, String out) {
        Expression e;
        try {
            e = Expression.parse(function);
        } catch (ExpressionException ex) {
            throw new IllegalArgumentException("'" + name + "' (Elementwise) has an invalid function: " + ex.getMessage(), ex);
        }
        String result = expression(e, x, name, out);
        if (!result.equals(out)) {
            emit(op("Identity", name, List.of(result), out));
        }
    }

    /** Writes the operators of an expression in {@code x}; the outermost one writes to {@code target}. */
    private String expression(Expression e, String x, String name, String target) {
        if (e instanceof Expression.Variable) {
            return x;
        }
        if (e instanceof Expression.Number n) {
            return scalar(name + ":c" + (fresh++), (float) n.value());
        }
        String out = target != null ? target : name + ":t" + (fresh++);
        String node = target != null ? name : out;
        if (e instanceof Expression.Negate neg) {
            emit(op("Neg", node, List.of(expression(neg.operand(), x, name, null)), out));
        } else if (e instanceof Expression.Binary b) {
            String type = switch (b.op()) {
                case '+' -> "Add";
                case '-' -> "Sub";
                case '*' -> "Mul";
                case '/' -> "Div";
                default -> "Pow";
            };
            emit(op(type, node, List.of(expression(b.left(), x, name, null), expression(b.right(), x, name, null)), out));
        } else if (e instanceof Expression.Call2 c2 && clipOf(c2) != null) {
            // One Clip, not Max then Min: ONNX Runtime fuses a Clip into the convolution before it (ReLU6).
            Clip clip = clipOf(c2);
            emit(op("Clip", node, List.of(expression(clip.operand(), x, name, null), bound(clip.lower(), name),
                    bound(clip.upper(), name)), out));
        } else if (e instanceof Expression.Call2 c2) {
            emit(op(c2.function().equals("min") ? "Min" : "Max", node,
                    List.of(expression(c2.first(), x, name, null), expression(c2.second(), x, name, null)), out));
        } else {
            Expression.Call c = (Expression.Call) e;
            String a = expression(c.argument(), x, name, null);
            if (c.function().equals("square")) {
                emit(op("Mul", node, List.of(a, a), out));
            } else {
                String type = switch (c.function()) {
                    case "tanh" -> "Tanh";
                    case "sigmoid" -> "Sigmoid";
                    case "exp" -> "Exp";
                    case "log" -> "Log";
                    case "sqrt" -> "Sqrt";
                    case "abs" -> "Abs";
                    case "sin" -> "Sin";
                    case "cos" -> "Cos";
                    case "softplus" -> "Softplus";
                    case "erf" -> "Erf";
                    default -> "Relu";
                };
                emit(op(type, node, List.of(a), out));
            }
        }
        return out;
    }

    /** A clip of an operand by number bounds (either may be null: absent). */
    private record Clip(Expression operand, Double lower, Double upper) {
    }

    /**
     * The clip a min/max is, or null: {@code min(max(e, a), b)} or {@code max(min(e, b), a)} with a ≤ b, or
     * one min or max of an operand and a number.
     */
    private static Clip clipOf(Expression.Call2 c) {
        Double bound = numberOf(c.second());
        if (bound == null || numberOf(c.first()) != null) {
            return null;
        }
        boolean min = c.function().equals("min");
        if (c.first() instanceof Expression.Call2 inner && !inner.function().equals(c.function())
                && numberOf(inner.second()) != null && numberOf(inner.first()) == null) {
            double lo = min ? numberOf(inner.second()) : bound;
            double hi = min ? bound : numberOf(inner.second());
            return lo <= hi ? new Clip(inner.first(), lo, hi) : null;
        }
        return min ? new Clip(c.first(), null, bound) : new Clip(c.first(), bound, null);
    }

    /** A number, or a negated one ("-0.5" parses as a negation); else null. */
    private static Double numberOf(Expression e) {
        if (e instanceof Expression.Number n) {
            return n.value();
        }
        return e instanceof Expression.Negate neg && neg.operand() instanceof Expression.Number n ? -n.value() : null;
    }

    /** A clip bound as a scalar initializer, or "" (ONNX's absent optional input) for none. */
    private String bound(Double b, String name) {
        return b == null ? "" : scalar(name + ":c" + (fresh++), b.floatValue());
    }

    private void threading(Params p, String name, List<String> in, List<TensorType> types, String out) {
        String opType = switch (p.getString("function")) {
            case "plus" -> "Add";
            case "subtract" -> "Sub";
            case "divide" -> "Div";
            case "max" -> "Max";
            case "min" -> "Min";
            default -> "Mul";
        };
        List<String> args = new ArrayList<>(in);
        int ra = types.get(0).rank();
        int rb = types.get(1).rank();
        // NetStudio aligns the per-example axes behind the batch axis; ONNX aligns from the end, batch included.
        if (ra != rb) {
            int low = ra < rb ? 0 : 1;
            long[] axes = new long[Math.abs(ra - rb)];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            String u = name + ":unsqueeze";
            emit(op("Unsqueeze", u, List.of(in.get(low), longs(name + ":axes", axes)), u));
            args.set(low, u);
        }
        emit(op(opType, name, args, out));
    }

    private void opaque(Params p, NodePath path, String name, List<String> in, String out) {
        NodeProto original;
        try {
            original = NodeProto.parseFrom(Base64.getDecoder().decode(p.getString("node")));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' (OnnxOperator) holds an ONNX node that cannot be read", e);
        }
        NodeProto.Builder n = original.toBuilder().clearInput().clearOutput().setName(name);
        List<OnnxInputs.Entry> entries = OnnxInputs.parse(p.getString("inputs"));
        int w = 0;
        for (int i = 0; i < entries.size(); i++) {
            OnnxInputs.Entry e = entries.get(i);
            switch (e.kind()) {
                case NONE -> n.addInput("");
                case ORDER -> w++;
                case WIRE -> n.addInput(in.get(w++));
                case ARRAY -> {
                    WeightArray a = array(path, "array" + (i + 1));
                    String init = name + ":array" + (i + 1);
                    g.addInitializer(typed(init, a, e.elementType()));
                    n.addInput(init);
                }
                default -> throw new IllegalStateException();
            }
        }
        // This node gives output number p.output of the operator; the others get names nobody reads.
        int given = p.getInt("output") - 1;
        for (int k = 0; k < Math.max(given + 1, original.getOutputCount()); k++) {
            n.addOutput(k == given ? out : k < original.getOutputCount() && original.getOutput(k).isEmpty() ? ""
                    : name + ":output" + (k + 1));
        }
        if (!original.getDomain().isEmpty() && !original.getDomain().equals("ai.onnx")) {
            domains.putIfAbsent(original.getDomain(), OperatorSetIdProto.newBuilder().setDomain(original.getDomain())
                    .setVersion(p.getInt("opset")).build());
        }
        emit(n);
    }

    /** An array as a tensor of its original ONNX element type (NetStudio keeps every array as float32). */
    private static TensorProto typed(String name, WeightArray a, String elementType) {
        float[] v = a.floats();
        if (elementType.equals("float") || elementType.isEmpty()) {
            return OnnxTensors.floats(name, a.shape(), v);
        }
        int type;
        try {
            type = TensorProto.DataType.valueOf(elementType.toUpperCase(java.util.Locale.ROOT)).getNumber();
        } catch (IllegalArgumentException e) {
            return OnnxTensors.floats(name, a.shape(), v);
        }
        if (OnnxTensors.isRealType(type)) {
            return OnnxTensors.floats(name, a.shape(), v);
        }
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = Math.round(v[i]);
        }
        if (type == TensorProto.DataType.INT64_VALUE) {
            return OnnxTensors.longs(name, a.shape(), l);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
        for (long s : a.shape()) {
            t.addDims(s);
        }
        for (long x : l) {
            t.addInt32Data((int) x);
        }
        return t.build();
    }

    // ---- helpers ----

    private WeightArray array(NodePath path, String arrayName) {
        return weights.get(path, arrayName).orElseThrow(() -> new IllegalArgumentException(
                "The weights hold no array " + Weights.key(path, arrayName) + "; train or initialise the net first"));
    }

    private String init(NodePath path, String arrayName) {
        WeightArray a = array(path, arrayName);
        String name = Weights.key(path, arrayName);
        g.addInitializer(OnnxTensors.floats(name, a.shape(), a.floats()));
        return name;
    }

    /** Pad: ONNX's pads list all begins then all ends, the batch axis's (0) first. */
    private void padding(Params p, String name, String x, int rank, String out) {
        List<Integer> before = p.getIntList("before");
        List<Integer> after = org.netstudio.netgraph.catalog.AxisLayers.after(p);
        long[] pads = new long[2 * (rank + 1)];
        int first = rank + 1 - before.size();
        for (int i = 0; i < before.size(); i++) {
            pads[first + i] = before.get(i);
            pads[rank + 1 + first + i] = after.get(i);
        }
        String method = p.getString("method");
        List<String> args = new ArrayList<>(List.of(x, longs(name + ":pads", pads)));
        if (method.equals("constant") && p.getDouble("value") != 0) {
            args.add(scalar(name + ":value", (float) p.getDouble("value")));
        }
        emit(op("Pad", name, args, out).addAttribute(text("mode", method)));
    }

    /** ReduceMean, ReduceSum, ReduceMax or ReduceMin over the chosen axes (ReduceSum takes them as an input). */
    private void aggregation(Params p, String name, String x, int rank, String out) {
        boolean[] over = org.netstudio.netgraph.catalog.AxisLayers.aggregatedAxes(p, rank);
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < over.length; i++) {
            if (over[i]) {
                axes.add((long) i + 1);
            }
        }
        long[] a = axes.stream().mapToLong(Long::longValue).toArray();
        int keep = p.getBool("keepAxes") ? 1 : 0;
        String function = p.getString("function");
        if (function.equals("total")) {
            emit(op("ReduceSum", name, List.of(x, longs(name + ":axes", a)), out).addAttribute(integer("keepdims", keep)));
            return;
        }
        int[] ia = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            ia[i] = (int) a[i];
        }
        String op = switch (function) {
            case "max" -> "ReduceMax";
            case "min" -> "ReduceMin";
            default -> "ReduceMean";
        };
        emit(op(op, name, List.of(x), out).addAttribute(ints("axes", ia)).addAttribute(integer("keepdims", keep)));
    }

    private String scalar(String name, float v) {
        g.addInitializer(OnnxTensors.floats(name, new long[0], new float[] {v}));
        return name;
    }

    private String longs(String name, long[] v) {
        g.addInitializer(OnnxTensors.longs(name, new long[] {v.length}, v));
        return name;
    }

    private static int onnxAxis(int axis) {
        return axis >= 0 ? axis + 1 : axis;
    }

    private static int[] pads(Params p, int axes, int[] k, int[] d) {
        if ("same".equals(p.get("padding"))) {
            // As PyTorch pads "same": the smaller half in front.
            int[] before = new int[axes];
            int[] after = new int[axes];
            for (int i = 0; i < axes; i++) {
                int total = d[i] * (k[i] - 1);
                before[i] = total / 2;
                after[i] = total - before[i];
            }
            return concat(before, after);
        }
        int[] pad = p.perAxis("padding", axes);
        return concat(pad, pad);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = new int[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private NodeProto.Builder op(String type, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(type).setName(name).addAllInput(in).addOutput(out);
    }

    private void emit(NodeProto.Builder n) {
        g.addNode(n);
    }
}
