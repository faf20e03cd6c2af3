package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.perm;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises PyTorch's {@code nn.MultiheadAttention} (batch first, as {@code nn.TransformerEncoderLayer}
 * uses it) as PyTorch 1.13 exports it, and puts catalog-shaped nodes in its place: a Linear for each of
 * the query, key and value (the packed in-projection cut in three), one {@link WrittenOutAttention#OP}
 * node (the catalog {@code Attention} layer) and a Linear for the out-projection. The export is
 * <pre>
 * x (batch, len, E) → Transpose 1 0 2 → MatMul W[E, 3E] → Add b[3E] → Slice into thirds of the last axis
 * q, k, v → Reshape (len, batch·h, E/h) → Transpose (q, v: 1 0 2; k: 1 2 0) → q Div √(E/h)
 * MatMul(q, k) → Softmax(last axis) → MatMul(·, v) → Transpose 1 0 2 → Reshape (len·batch, E)
 * → Gemm W_out[E, E] (transB) + b_out → Reshape (len, batch, E) → Transpose 1 0 2
 * </pre>
 * Checked: every perm, the slices' axis and bounds (thirds of the last axis, in order), the head
 * count h both Reshapes of the query, key and value split by (E/h and batch·h), the scale, the shapes
 * of the arrays and the Gemm's attributes. A mask (an Add before the Softmax), need_weights (a second
 * reader of the Softmax) or a time-major input leave it as it is, node by node. The nodes that computed
 * only the Reshape targets and the slice bounds then compute nothing read, and go.
 */
final class PackedAttention {

    private static final List<Long> SWAP = List.of(1L, 0L, 2L);
    private static final List<Long> KEYS = List.of(1L, 2L, 0L);

    private final GraphRewrite graph;
    private int found;

    PackedAttention(GraphRewrite graph) {
        this.graph = graph;
    }

    /** How many were folded, for the import report. */
    void note(ImportLog log) {
        if (found > 0) {
            log.note(found + " nn.MultiheadAttention" + (found == 1 ? "" : "s") + " as PyTorch exports it (packed"
                    + " in-projection, Slice, Reshape, Transpose, MatMul, Softmax, MatMul, Gemm) became Linear, Attention and"
                    + " Linear layers");
        }
    }

    /**
     * One of query, key and value: the Slice of the packed projection, its Reshape to heads and Transpose.
     * A target the model computes gives the heads; a constant one (an export with fixed sizes) the size
     * of a head and the batch times the heads.
     */
    private record Part(NodeProto slice, NodeProto reshape, NodeProto transpose, long heads, long size, long rows) {

        /** The heads, given the width E of the projection; 0 when the target does not split E into heads. */
        long heads(long width) {
            if (heads > 0) {
                return width % heads == 0 ? heads : 0;
            }
            return size > 0 && width % size == 0 && rows % (width / size) == 0 ? width / size : 0;
        }
    }

    /** Folds the attention around a Softmax, when it is one. */
    void fold(NodeProto softmax) {
        if (!lastAxis(softmax)) {
            return;
        }
        NodeProto scores = graph.producer(softmax.getInput(0), "MatMul");
        if (scores == null || !graph.isInner(out(scores))) {
            return;
        }
        NodeProto scaling = graph.producer(scores.getInput(0), "Div");
        if (scaling == null || !graph.isInner(out(scaling))) {
            return;
        }
        Part q = part(scaling.getInput(0), SWAP);
        Part k = part(scores.getInput(1), KEYS);
        NodeProto mixing = graph.onlyReader(softmax, "MatMul");
        if (q == null || k == null || mixing == null || !mixing.getInput(0).equals(out(softmax))) {
            return;
        }
        Part v = part(mixing.getInput(1), SWAP);
        if (v == null) {
            return;
        }
        String packed = q.slice().getInput(0);
        if (!k.slice().getInput(0).equals(packed) || !v.slice().getInput(0).equals(packed)) {
            return;
        }
        // The slices' bounds: 0, then m·1, m·2, m·3 of one m (a third of the last axis, computed from its size).
        String third = third(q.slice(), 1);
        if (third == null || !third.equals(third(k.slice(), 2)) || !third.equals(third(v.slice(), 3))
                || !Long.valueOf(0).equals(integer(q.slice().getInput(1))) || !k.slice().getInput(1).equals(q.slice().getInput(2))
                || !v.slice().getInput(1).equals(k.slice().getInput(2)) || !thirdOfLastAxis(third, packed)) {
            return;
        }
        // The packed projection: Add(b, MatMul(Transpose(x), W)), W [E, 3E].
        NodeProto bias = graph.producer(packed, "Add");
        String b = null;
        NodeProto projection = null;
        for (int side = 0; bias != null && side < 2 && projection == null; side++) {
            projection = graph.producer(bias.getInput(1 - side), "MatMul");
            b = bias.getInput(side);
        }
        NodeProto first = projection == null ? null : graph.producer(projection.getInput(0), "Transpose");
        OnnxTensors.Constant w = projection == null ? null : graph.constant(projection.getInput(1));
        OnnxTensors.Constant bw = b == null ? null : graph.constant(b);
        if (first == null || !perm(first).equals(SWAP) || w == null || !w.isReal() || w.shape().length != 2
                || w.shape()[1] != 3 * w.shape()[0] || bw == null || !bw.isReal() || bw.count() != w.shape()[1]) {
            return;
        }
        long width = w.shape()[0];
        long heads = q.heads(width);
        if (heads == 0 || k.heads(width) != heads || v.heads(width) != heads
                || !graph.isNumber(scaling.getInput(1), Math.sqrt(width / heads))) {
            return;
        }
        NodeProto joining = graph.onlyReader(mixing, "Transpose");
        NodeProto joined = joining == null || !perm(joining).equals(SWAP) ? null : onlyReshape(out(joining));
        NodeProto outProjection = joined == null || !targetEnds(joined, 2, width) ? null : onlyReader(joined, "Gemm");
        if (outProjection == null || !plainGemm(outProjection) || outProjection.getInputCount() != 3) {
            return;
        }
        OnnxTensors.Constant wo = graph.constant(outProjection.getInput(1));
        OnnxTensors.Constant bo = graph.constant(outProjection.getInput(2));
        if (wo == null || !wo.isReal() || wo.shape().length != 2 || wo.shape()[0] != width || wo.shape()[1] != width
                || bo == null || !bo.isReal() || bo.count() != width) {
            return;
        }
        NodeProto unjoined = onlyReshape(out(outProjection));
        NodeProto last = unjoined == null || !targetEnds(unjoined, 3, width) ? null : onlyReader(unjoined, "Transpose");
        if (last == null || !perm(last).equals(SWAP)) {
            return;
        }
        List<NodeProto> nodes = new ArrayList<>(List.of(q.slice(), q.reshape(), q.transpose(), k.slice(), k.reshape(),
                k.transpose(), v.slice(), v.reshape(), v.transpose(), scaling, scores, softmax, mixing, joining, joined,
                outProjection, unjoined, last));
        for (NodeProto n : nodes) {
            if (n != last && !graph.feedsOnly(n, nodes)) {
                return;
            }
        }
        String x = first.getInput(0);
        // Named for the module the exporter's names give ("/layers.0/self_attn/Softmax" → "/layers.0/self_attn/").
        String scope = softmax.getName().lastIndexOf('/') > 0 ? softmax.getName().substring(0, softmax.getName().lastIndexOf('/') + 1)
                : out(last) + "/";
        List<NodeProto> replacement = new ArrayList<>();
        List<String> projected = new ArrayList<>();
        String[] names = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            String weights = graph.floats(scope + names[i] + ".weight", new long[] {width, width}, columns(w, i * width, width));
            String biases = graph.floats(scope + names[i] + ".bias", new long[] {width},
                    java.util.Arrays.copyOfRange(bw.floats(), Math.toIntExact(i * width), Math.toIntExact((i + 1) * width)));
            projected.add(linear(scope + names[i], x, weights, biases, scope + names[i] + "_output", replacement));
        }
        String attended = scope + OP_OUTPUT;
        replacement.add(NodeProto.newBuilder().setOpType(WrittenOutAttention.OP).setDomain(WrittenOutAttention.DOMAIN)
                .setName(scope + WrittenOutAttention.OP).addInput(projected.get(1)).addInput(projected.get(2))
                .addInput(projected.get(0)).addOutput(attended).addAttribute(OnnxAttributes.integer("heads", heads))
                .addAttribute(OnnxAttributes.integer("keySize", width / heads)).build());
        String outWeights = graph.floats(scope + "out_proj.weight", new long[] {width, width}, transposed(wo));
        linear(scope + "out_proj", attended, outWeights, outProjection.getInput(2), out(last), replacement);
        if (graph.replace(nodes, replacement)) {
            found++;
        }
    }

    private static final String OP_OUTPUT = "Attention_output";

    /** MatMul(x, weights) then Add of the biases, as PyTorch writes a Linear on a sequence; returns its output. */
    private static String linear(String name, String x, String weights, String biases, String output, List<NodeProto> into) {
        String product = name + "/MatMul_output";
        into.add(NodeProto.newBuilder().setOpType("MatMul").setName(name + "/MatMul").addInput(x).addInput(weights)
                .addOutput(product).build());
        into.add(NodeProto.newBuilder().setOpType("Add").setName(name + "/Add").addInput(product).addInput(biases)
                .addOutput(output).build());
        return output;
    }

    /**
     * {@code Transpose(Reshape(Slice(packed), [len, batch·h, E/h]), perm)}: a third of the packed
     * projection split into h heads; null when it is anything else or its values are read elsewhere.
     */
    private Part part(String value, List<Long> perm) {
        NodeProto transpose = graph.transposedReshape(value, perm);
        if (transpose == null) {
            return null;
        }
        NodeProto reshape = graph.producer(transpose.getInput(0));
        NodeProto slice = graph.producer(reshape.getInput(0), "Slice");
        if (slice == null || slice.getInputCount() != 4 || !lastAxisOnly(slice.getInput(3))) {
            return null;
        }
        // The target: Concat(len, Unsqueeze(batch · h), Unsqueeze(Cast(E / h))), h read from both; or [len, batch·h, E/h].
        OnnxTensors.Constant fixed = graph.constant(reshape.getInput(1));
        if (fixed != null) {
            long[] t = fixed.isReal() ? null : fixed.longs();
            return t == null || t.length != 3 || t[0] < 1 || t[1] < 1 || t[2] < 1 ? null
                    : new Part(slice, reshape, transpose, 0, t[2], t[1]);
        }
        NodeProto concat = graph.producer(reshape.getInput(1), "Concat");
        if (concat == null || concat.getInputCount() != 3) {
            return null;
        }
        Long times = factor(concat.getInput(1), "Mul");
        Long over = factor(concat.getInput(2), "Div");
        if (times == null || !times.equals(over) || times < 1) {
            return null;
        }
        return new Part(slice, reshape, transpose, times, 0, 0);
    }

    /**
     * Whether a Reshape's target has {@code rank} elements, the last E: a constant ending in E (or -1),
     * or a Concat of that many computed parts.
     */
    private boolean targetEnds(NodeProto reshape, int rank, long width) {
        OnnxTensors.Constant fixed = graph.constant(reshape.getInput(1));
        if (fixed != null) {
            return !fixed.isReal() && fixed.count() == rank && (fixed.longs()[rank - 1] == width || fixed.longs()[rank - 1] == -1);
        }
        NodeProto concat = graph.producer(reshape.getInput(1), "Concat");
        return concat != null && concat.getInputCount() == rank;
    }

    /** The constant c of {@code Unsqueeze([Cast…](Op(size, c)))}, or null. */
    private Long factor(String value, String op) {
        NodeProto unsqueeze = graph.producer(value, "Unsqueeze");
        if (unsqueeze == null) {
            return null;
        }
        String v = unsqueeze.getInput(0);
        while (graph.producer(v, "Cast") != null) {
            v = graph.producer(v, "Cast").getInput(0);
        }
        NodeProto p = graph.producer(v, op);
        return p == null || p.getInputCount() != 2 ? null : integer(p.getInput(1));
    }

    /** m in a Slice's end {@code Mul(m, index)}, when the index is as given; else null. */
    private String third(NodeProto slice, int index) {
        NodeProto times = graph.producer(slice.getInput(2), "Mul");
        return times != null && times.getInputCount() == 2 && Long.valueOf(index).equals(integer(times.getInput(1))) ? times.getInput(0) : null;
    }

    /** {@code Div(Add(Gather(Shape(packed), [-1]), 2), 3)}: a third of the last axis of {@code packed}, rounded up. */
    private boolean thirdOfLastAxis(String value, String packed) {
        NodeProto div = graph.producer(value, "Div");
        NodeProto add = div == null || !Long.valueOf(3).equals(integer(div.getInput(1))) ? null : graph.producer(div.getInput(0), "Add");
        NodeProto gather = add == null || !Long.valueOf(2).equals(integer(add.getInput(1))) ? null
                : graph.producer(add.getInput(0), "Gather");
        NodeProto shape = gather == null || !Long.valueOf(-1).equals(integer(gather.getInput(1))) ? null
                : graph.producer(gather.getInput(0), "Shape");
        return shape != null && shape.getInput(0).equals(packed) && shape.getAttributeCount() == 0;
    }

    /** The value when it is one constant integer, else null. */
    private Long integer(String value) {
        OnnxTensors.Constant c = graph.constant(value);
        return c != null && !c.isReal() && c.count() == 1 ? c.longs()[0] : null;
    }

    /** Whether a Slice's axes are the last of three ([-1] or [2]). */
    private boolean lastAxisOnly(String axes) {
        OnnxTensors.Constant c = graph.constant(axes);
        return c != null && !c.isReal() && c.count() == 1 && (c.longs()[0] == -1 || c.longs()[0] == 2);
    }

    /** The one Reshape reading a value, others reading it (Shape) only computing its target; else null. */
    private NodeProto onlyReshape(String value) {
        NodeProto reshape = null;
        for (NodeProto r : graph.readersOf(value)) {
            if (r.getOpType().equals("Reshape") && r.getInputCount() == 2 && r.getInput(0).equals(value)) {
                if (reshape != null) {
                    return null;
                }
                reshape = r;
            }
        }
        if (reshape == null || graph.isOutput(value)) {
            return null;
        }
        for (NodeProto r : graph.readersOf(value)) {
            if (r != reshape && !(r.getOpType().equals("Shape") && graph.feedsOnly(r, List.of(reshape)))) {
                return null;
            }
        }
        return reshape;
    }

    private NodeProto onlyReader(NodeProto n, String op) {
        return graph.onlyReader(n, op);
    }

    /** alpha = beta = 1, A as it is, B transposed (PyTorch's Linear). */
    private static boolean plainGemm(NodeProto gemm) {
        for (AttributeProto a : gemm.getAttributeList()) {
            boolean ok = switch (a.getName()) {
                case "alpha", "beta" -> a.getF() == 1f;
                case "transA" -> a.getI() == 0;
                case "transB" -> a.getI() == 1;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return gemm.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB"));
    }

    /** Columns from..from+count of a [rows, columns] matrix, as a [rows, count] one. */
    private static float[] columns(OnnxTensors.Constant m, long from, long count) {
        int rows = Math.toIntExact(m.shape()[0]);
        int cols = Math.toIntExact(m.shape()[1]);
        float[] all = m.floats();
        float[] out = new float[Math.toIntExact(rows * count)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(all, r * cols + Math.toIntExact(from), out, Math.toIntExact(r * count), Math.toIntExact(count));
        }
        return out;
    }

    private static float[] transposed(OnnxTensors.Constant m) {
        int rows = Math.toIntExact(m.shape()[0]);
        int cols = Math.toIntExact(m.shape()[1]);
        float[] all = m.floats();
        float[] out = new float[all.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = all[r * cols + c];
            }
        }
        return out;
    }

    /** Whether a Softmax takes the last axis of the scores (batch·h, len, len): -1 or 2. */
    private static boolean lastAxis(NodeProto softmax) {
        return softmax.getAttributeList().stream().anyMatch(a -> a.getName().equals("axis") && (a.getI() == -1 || a.getI() == 2));
    }

}
