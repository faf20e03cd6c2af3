package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.perm;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-attention as exported ({@code LayerExport.attention}: the Linear layers of query, key and value on one
 * input, the split into heads, the scaled products, at most one key mask, Softmax, the mix and the join) as
 * ONNX Runtime's one fused operator, {@code com.microsoft:Attention}: the three projections become one matrix
 * product and the heads are computed in place, with none of the Transposes and Reshapes around them. Only for
 * a graph ONNX Runtime is to run ({@link OnnxExporter#exportToRun}); a causal mask, cross-attention or a
 * projection read elsewhere stay as they are.
 */
final class FusedAttention {

    private static final List<Long> HEADS = List.of(0L, 2L, 1L, 3L);
    private static final List<Long> KEYS = List.of(0L, 2L, 3L, 1L);

    private final GraphRewrite graph;

    FusedAttention(GraphRewrite graph) {
        this.graph = graph;
    }

    /** Folds the attention whose Softmax this is, when it is one as exported; else leaves the graph as it is. */
    void fold(NodeProto softmax) {
        if (new OnnxNode(softmax).i("axis", -1) != -1 || !graph.isInner(out(softmax))) {
            return;
        }
        List<NodeProto> nodes = new ArrayList<>();
        String scores = softmax.getInput(0);
        String mask = null;
        NodeProto masked = graph.producer(scores, "Add");
        if (masked != null) {
            mask = keyMask(masked, nodes);
            if (mask == null) {
                return;
            }
            scores = masked.getInput(0);
        }
        NodeProto div = graph.producer(scores, "Div");
        Float scale = div == null || !graph.isInner(scores) ? null : graph.number(div.getInput(1));
        NodeProto products = div == null ? null : graph.producer(div.getInput(0), "MatMul");
        NodeProto mix = graph.readersOf(out(softmax)).get(0);
        if (scale == null || products == null || !graph.isInner(out(products)) || !mix.getOpType().equals("MatMul")
                || !mix.getInput(0).equals(out(softmax)) || !graph.isInner(out(mix))) {
            return;
        }
        NodeProto joined = graph.onlyReader(mix, "Transpose");
        NodeProto merged = joined == null ? null : graph.onlyReader(joined, "Reshape");
        if (merged == null || !perm(joined).equals(HEADS)) {
            return;
        }
        Projection q = projection(products.getInput(0), HEADS);
        Projection k = projection(products.getInput(1), KEYS);
        Projection v = projection(mix.getInput(1), HEADS);
        if (q == null || k == null || v == null || !q.input.equals(k.input) || !q.input.equals(v.input)
                || q.heads != k.heads || q.heads != v.heads || q.size != k.size) {
            return;
        }
        nodes.addAll(List.of(div, products, softmax, mix, joined, merged));
        nodes.addAll(q.nodes);
        nodes.addAll(k.nodes);
        nodes.addAll(v.nodes);
        String name = merged.getName();
        List<NodeProto> fused = new ArrayList<>();
        List<String> inputs = new ArrayList<>(List.of(q.input, packed(name + ":weights", q.weights, k.weights, v.weights),
                packed(name + ":biases", q.biases, k.biases, v.biases)));
        if (mask != null) {
            inputs.add(visible(name, mask, fused));
        }
        fused.add(NodeProto.newBuilder().setOpType("Attention").setDomain(ExportFolds.RUNTIME_DOMAIN).setName(name).addAllInput(inputs)
                .addOutput(out(merged)).addAttribute(OnnxAttributes.integer("num_heads", q.heads))
                .addAttribute(AttributeProto.newBuilder().setName("scale").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(1 / scale))
                // As LayerExport's key mask: the scores of hidden keys lowered by 1e30.
                .addAttribute(AttributeProto.newBuilder().setName("mask_filter_value")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(-1e30f))
                .addAttribute(AttributeProto.newBuilder().setName("qkv_hidden_sizes").setType(AttributeProto.AttributeType.INTS)
                        .addInts(q.size).addInts(k.size).addInts(v.size))
                .build());
        graph.replace(nodes, fused);
    }

    /**
     * The {@code (batch, m)} mask of {@code Add(scores, Unsqueeze(Mul(Cast(Equal(Cast(mask), 0)), -1e30), [1, 2]))},
     * its nodes added to {@code nodes}; or null.
     */
    private String keyMask(NodeProto add, List<NodeProto> nodes) {
        NodeProto perKey = graph.producer(add.getInput(1), "Unsqueeze");
        NodeProto penalty = perKey == null ? null : graph.producer(perKey.getInput(0), "Mul");
        NodeProto hidden = penalty == null ? null : graph.producer(penalty.getInput(0), "Cast");
        NodeProto zero = hidden == null ? null : graph.producer(hidden.getInput(0), "Equal");
        NodeProto real = zero == null ? null : graph.producer(zero.getInput(0), "Cast");
        if (real == null || !graph.isInner(out(add)) || !graph.isNumber(penalty.getInput(1), -1e30)
                || !graph.isConstant(zero.getInput(1), 0)) {
            return null;
        }
        OnnxTensors.Constant axes = graph.constant(perKey.getInput(1));
        if (axes == null || axes.count() != 2 || axes.value(0) != 1 || axes.value(1) != 2) {
            return null;
        }
        for (NodeProto n : List.of(perKey, penalty, hidden, zero, real)) {
            if (!graph.isInner(out(n))) {
                return null;
            }
        }
        nodes.addAll(List.of(add, perKey, penalty, hidden, zero, real));
        return real.getInput(0);
    }

    /** 1 where the mask is not 0, else 0, as the int32 the fused operator reads. */
    private String visible(String name, String mask, List<NodeProto> fused) {
        String real = name + ":maskReal";
        String zero = name + ":maskZero";
        String seen = name + ":maskSeen";
        String visible = name + ":mask";
        fused.add(cast(name + ":maskCast", mask, real, TensorProto.DataType.FLOAT_VALUE));
        fused.add(NodeProto.newBuilder().setOpType("Equal").setName(zero).addInput(real)
                .addInput(graph.floats(name + ":maskZeroValue", new long[0], new float[] {0})).addOutput(zero).build());
        fused.add(NodeProto.newBuilder().setOpType("Not").setName(seen).addInput(zero).addOutput(seen).build());
        fused.add(cast(visible, seen, visible, TensorProto.DataType.INT32_VALUE));
        return visible;
    }

    private static NodeProto cast(String name, String in, String out, int to) {
        return NodeProto.newBuilder().setOpType("Cast").setName(name).addInput(in).addOutput(out)
                .addAttribute(OnnxAttributes.integer("to", to)).build();
    }

    /** {@code [in, q + k + v]}: each row of the three {@code [in, size]} matrices side by side; or the biases joined. */
    private String packed(String name, OnnxTensors.Constant... parts) {
        long rows = parts[0].shape().length == 2 ? parts[0].shape()[0] : 1;
        long width = 0;
        for (OnnxTensors.Constant p : parts) {
            width += p.floats().length / rows;
        }
        float[] all = new float[Math.toIntExact(rows * width)];
        int at = 0;
        for (int r = 0; r < rows; r++) {
            for (OnnxTensors.Constant p : parts) {
                int w = Math.toIntExact(p.floats().length / rows);
                System.arraycopy(p.floats(), r * w, all, at, w);
                at += w;
            }
        }
        return graph.floats(name, rows == 1 && parts[0].shape().length == 1 ? new long[] {width} : new long[] {rows, width}, all);
    }

    /** One Linear layer's projection split into heads: {@code Transpose(Reshape(Add(MatMul(x, W), b), [0, 0, h, d]), perm)}. */
    private record Projection(String input, OnnxTensors.Constant weights, OnnxTensors.Constant biases, int heads, int size,
                              List<NodeProto> nodes) {
    }

    private Projection projection(String value, List<Long> perm) {
        NodeProto transpose = graph.transposedReshape(value, perm);
        if (transpose == null) {
            return null;
        }
        NodeProto reshape = graph.producer(transpose.getInput(0));
        OnnxTensors.Constant shape = graph.constant(reshape.getInput(1));
        NodeProto bias = graph.producer(reshape.getInput(0), "Add");
        NodeProto product = bias == null ? null : graph.producer(bias.getInput(0), "MatMul");
        if (shape == null || shape.count() != 4 || shape.value(0) != 0 || shape.value(1) != 0 || product == null
                || !graph.isInner(out(bias)) || !graph.isInner(out(product))) {
            return null;
        }
        OnnxTensors.Constant w = graph.constant(product.getInput(1));
        OnnxTensors.Constant b = graph.constant(bias.getInput(1));
        if (w == null || b == null || !w.isReal() || !b.isReal() || w.shape().length != 2 || b.shape().length != 1
                || w.shape()[1] != b.shape()[0] || w.shape()[1] != shape.value(2) * shape.value(3)) {
            return null;
        }
        return new Projection(product.getInput(0), w, b, (int) shape.value(2), (int) w.shape()[1],
                List.of(transpose, reshape, bias, product));
    }
}
