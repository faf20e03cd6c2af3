package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.OnnxAttributes.integer;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.perm;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Layer;

/**
 * Recognises multi-head scaled dot-product attention written out in operators, as PyTorch exports
 * BERT's self-attention, and puts one {@link #OP} node in its place, which the import maps to the
 * catalog {@code Attention} layer:
 * <pre>
 * Q, K, V (batch, len, h·d) → Reshape (batch, len, h, d) → Transpose (Q, V: 0 2 1 3; K: 0 2 3 1)
 * MatMul(Q, K) → Div by √d (or Mul by 1/√d) → [Add the extended mask] → Softmax(last axis)
 * → MatMul(·, V) → Transpose 0 2 1 3 → Reshape (batch, len, h·d)
 * </pre>
 * The extended mask is {@code (1 − Cast(Unsqueeze(mask, 1, 2))) · c} with c a large negative
 * number (≤ −10⁴; BERT's is the float minimum) and {@code mask} a model input (batch, len) of 1s
 * and 0s: it becomes the layer's key mask, which hides the keys the mask holds 0 for. Every
 * constant is checked (perms, axes, the scale, the Reshape targets, which must copy the batch and
 * length axes and split the last); anything else is left as it is, node by node. The nodes that
 * only computed the Reshape targets and the mask then compute nothing read, and go.
 */
final class WrittenOutAttention {

    /** The fused node's operator: not an ONNX one (its domain is NetStudio's), so it never meets a model's own. */
    static final String DOMAIN = "org.netstudio.fused";
    static final String OP = "Attention";

    /** The extended mask's constant must be at most this: as good as −∞ before a softmax. */
    private static final double LARGE_NEGATIVE = -1e4;

    private static final List<Long> SPLIT = List.of(0L, 2L, 1L, 3L);
    private static final List<Long> SPLIT_TRANSPOSED = List.of(0L, 2L, 3L, 1L);

    private final GraphRewrite graph;
    private final long opset;
    private final Map<String, Integer> inputRanks = new HashMap<>();
    private int found;

    WrittenOutAttention(GraphRewrite graph, ModelProto model) {
        this.graph = graph;
        this.opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(o -> o.getVersion()).findFirst().orElse(1);
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                inputRanks.put(v.getName(), v.getType().getTensorType().getShape().getDimCount());
            }
        }
    }

    /** How many were folded, for the import report. */
    void note(ImportLog log) {
        if (found > 0) {
            log.note(found + " multi-head attention" + (found == 1 ? "" : "s") + " written out in operators (Reshape, Transpose,"
                    + " MatMul, Div, Add of the mask, Softmax, MatMul, Transpose, Reshape) became Attention layers");
        }
    }

    /** The heads and per-head size a Reshape splits the last axis into, with what it reshapes. */
    private record Split(NodeProto reshape, NodeProto transpose, String input, long heads, long size) {
    }

    /** Folds the attention around a Softmax, when it is one. */
    void fold(NodeProto softmax) {
        if (!lastAxis(softmax)) {
            return;
        }
        List<NodeProto> nodes = new ArrayList<>();
        nodes.add(softmax);
        String scores = softmax.getInput(0);
        String mask = null;
        NodeProto add = graph.producer(scores, "Add");
        if (add != null) {
            if (!graph.isInner(scores)) {
                return;
            }
            for (int side = 0; side < 2 && mask == null; side++) {
                NodeProto scaling = graph.producer(add.getInput(side));
                if (scaling != null && (scaling.getOpType().equals("Div") || scaling.getOpType().equals("Mul"))) {
                    mask = keyMask(add.getInput(1 - side));
                    scores = add.getInput(side);
                }
            }
            if (mask == null) {
                return;
            }
            nodes.add(add);
        }
        NodeProto scaling = graph.producer(scores);
        if (scaling == null || !graph.isInner(scores) || scaling.getInputCount() != 2) {
            return;
        }
        nodes.add(scaling);
        NodeProto products = graph.producer(scaling.getInput(0), "MatMul");
        String factor = scaling.getInput(1);
        if (products == null && scaling.getOpType().equals("Mul")) {
            products = graph.producer(scaling.getInput(1), "MatMul");
            factor = scaling.getInput(0);
        }
        if (products == null || !graph.isInner(out(products))) {
            return;
        }
        nodes.add(products);
        Split q = split(products.getInput(0), SPLIT);
        Split k = split(products.getInput(1), SPLIT_TRANSPOSED);
        if (q == null || k == null || q.heads() != k.heads() || q.size() != k.size()) {
            return;
        }
        double root = Math.sqrt(q.size());
        if (!(scaling.getOpType().equals("Div") ? graph.isNumber(factor, root) : graph.isNumber(factor, 1 / root))) {
            return;
        }
        NodeProto mixing = graph.onlyReader(softmax, "MatMul");
        if (mixing == null || !mixing.getInput(0).equals(out(softmax))) {
            return;
        }
        Split v = split(mixing.getInput(1), SPLIT);
        if (v == null || v.heads() != q.heads()) {
            return;
        }
        NodeProto joining = graph.onlyReader(mixing, "Transpose");
        NodeProto joined = joining == null || !perm(joining).equals(SPLIT) ? null : joiningReshape(out(joining));
        if (joined == null || !joinsHeads(joined, v.heads() * v.size())) {
            return;
        }
        nodes.addAll(List.of(mixing, joining, joined, q.reshape(), q.transpose(), k.reshape(), k.transpose(), v.reshape(),
                v.transpose()));
        // Named for the module the exporter's names give ("/encoder/layer.0/attention/self/Attention").
        String scope = softmax.getName().lastIndexOf('/') > 0 ? softmax.getName().substring(0, softmax.getName().lastIndexOf('/') + 1)
                + OP : joined.getName();
        NodeProto.Builder fused = NodeProto.newBuilder().setOpType(OP).setDomain(DOMAIN).setName(scope)
                .addInput(k.input()).addInput(v.input()).addInput(q.input()).addOutput(out(joined))
                .addAttribute(integer("heads", q.heads())).addAttribute(integer("keySize", q.size()));
        if (mask != null) {
            fused.addInput(mask);
        }
        if (graph.replace(nodes, fused.build())) {
            found++;
        }
    }

    /** Whether a node is one this class put in the place of an attention. */
    static boolean isFused(NodeProto p) {
        return p.getDomain().equals(DOMAIN) && p.getOpType().equals(OP);
    }

    /** The catalog Attention layer of a fused node: Key, Value, Query and the key mask if there is one. */
    static Mapping layer(OnnxNode n) {
        NodeProto p = n.proto();
        Layer layer = Layer.of("Attention", "heads", Math.toIntExact(n.i("heads", 1)), "keySize",
                Math.toIntExact(n.i("keySize", 1))).withInputCount(p.getInputCount() - 3);
        return Mapping.layer(layer, p.getInputList().toArray(String[]::new));
    }

    /** Whether a Softmax takes its last axis (of the four the pattern has). */
    private boolean lastAxis(NodeProto softmax) {
        for (AttributeProto a : softmax.getAttributeList()) {
            if (a.getName().equals("axis")) {
                return a.getI() == -1 || a.getI() == 3;
            }
        }
        return opset >= 13;
    }

    /**
     * {@code Transpose(Reshape(x, [batch, len, h, d]), perm)}: x's last axis split into h heads of d.
     * Both nodes' outputs must be read by the pattern alone.
     */
    private Split split(String value, List<Long> perm) {
        NodeProto transpose = graph.transposedReshape(value, perm);
        if (transpose == null) {
            return null;
        }
        NodeProto reshape = graph.producer(transpose.getInput(0));
        List<Long> target = target(reshape);
        if (target == null || target.size() != 4 || target.get(0) != COPY_FIRST || target.get(1) != COPY_SECOND
                || target.get(2) <= 0 || target.get(3) <= 0) {
            return null;
        }
        return new Split(reshape, transpose, reshape.getInput(0), target.get(2), target.get(3));
    }

    /**
     * The Reshape that joins the heads again, when it is the only reader of the value but for Shape
     * nodes that only compute its target (they go with it).
     */
    private NodeProto joiningReshape(String value) {
        if (graph.isOutput(value)) {
            return null;
        }
        List<NodeProto> reshapes = graph.readersOf(value).stream().filter(r -> r.getOpType().equals("Reshape")
                && r.getInputCount() == 2 && r.getInput(0).equals(value)).toList();
        if (reshapes.size() != 1) {
            return null;
        }
        NodeProto reshape = reshapes.get(0);
        for (NodeProto r : graph.readersOf(value)) {
            if (r != reshape && !(r.getOpType().equals("Shape") && onlyComputesTarget(out(r), reshape))) {
                return null;
            }
        }
        return reshape;
    }

    /** Whether a value only flows, through Gather, Unsqueeze and Concat, into the target of a Reshape. */
    private boolean onlyComputesTarget(String value, NodeProto reshape) {
        if (value.isEmpty() || graph.isOutput(value) || graph.readersOf(value).isEmpty()) {
            return false;
        }
        for (NodeProto r : graph.readersOf(value)) {
            boolean ok = r == reshape ? r.getInput(1).equals(value) && !r.getInput(0).equals(value)
                    : List.of("Gather", "Unsqueeze", "Concat").contains(r.getOpType()) && onlyComputesTarget(out(r), reshape);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code Reshape(x, [batch, len, h·d])} of the heads side by side ({@code -1} for the last size too). */
    private boolean joinsHeads(NodeProto reshape, long width) {
        List<Long> target = reshape.getInputCount() == 2 ? target(reshape) : null;
        return target != null && target.size() == 3 && target.get(0) == COPY_FIRST && target.get(1) == COPY_SECOND
                && (target.get(2) == width || target.get(2) == -1);
    }

    /** A target element that copies the reshaped value's first axis, or its second. */
    private static final long COPY_FIRST = Long.MIN_VALUE;
    private static final long COPY_SECOND = Long.MIN_VALUE + 1;

    /**
     * A Reshape's target, element by element: numbers, or {@link #COPY_FIRST}/{@link #COPY_SECOND}
     * where it keeps an axis of the reshaped value (a 0 there, or that axis's size read by Shape
     * and Gather); null when it is anything else.
     */
    private List<Long> target(NodeProto reshape) {
        String x = reshape.getInput(0);
        boolean zeroCopies = true;
        for (AttributeProto a : reshape.getAttributeList()) {
            if (a.getName().equals("allowzero")) {
                zeroCopies = a.getI() == 0;
            }
        }
        List<String> parts = List.of(reshape.getInput(1));
        NodeProto concat = graph.producer(reshape.getInput(1), "Concat");
        if (concat != null) {
            parts = concat.getInputList();
        }
        List<Long> target = new ArrayList<>();
        for (String part : parts) {
            OnnxTensors.Constant c = graph.constant(part);
            if (c != null && !c.isReal() && c.shape().length <= 1) {
                for (long n : c.longs()) {
                    int at = target.size();
                    target.add(n == 0 && zeroCopies && at < 2 ? COPY_FIRST + at : n);
                }
                continue;
            }
            Integer axis = shapeAxis(part, x);
            if (axis == null || axis != target.size() || axis > 1) {
                return null;
            }
            target.add(COPY_FIRST + axis);
        }
        return target;
    }

    /** {@code Unsqueeze(Gather(Shape(x), i), [0])}: the size of x's axis i, as a vector of one; else null. */
    private Integer shapeAxis(String value, String x) {
        NodeProto unsqueeze = graph.producer(value, "Unsqueeze");
        if (unsqueeze == null || !List.of(0L).equals(axes(unsqueeze))) {
            return null;
        }
        NodeProto gather = graph.producer(unsqueeze.getInput(0), "Gather");
        if (gather == null || gather.getInputCount() != 2 || gather.getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("axis") && a.getI() != 0)) {
            return null;
        }
        NodeProto shape = graph.producer(gather.getInput(0), "Shape");
        OnnxTensors.Constant index = graph.constant(gather.getInput(1));
        if (shape == null || !shape.getInput(0).equals(x) || shape.getAttributeCount() > 0 || index == null || index.isReal()
                || index.count() != 1 || index.shape().length != 0) {
            return null;
        }
        long i = index.longs()[0];
        return i >= 0 && i <= 1 ? (int) i : null;
    }

    /**
     * The model input a BERT extended mask is made of: {@code (1 − Cast(Unsqueeze(mask, [1], [2]))) · c},
     * c ≤ −10⁴, the mask an input of rank 2 (batch, len); else null.
     */
    private String keyMask(String extended) {
        NodeProto times = graph.producer(extended, "Mul");
        if (times == null || times.getInputCount() != 2) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Float c = graph.number(times.getInput(1 - side));
            NodeProto minus = graph.producer(times.getInput(side), "Sub");
            if (c == null || c > LARGE_NEGATIVE || minus == null || minus.getInputCount() != 2
                    || !graph.isNumber(minus.getInput(0), 1)) {
                continue;
            }
            String v = minus.getInput(1);
            NodeProto cast = graph.producer(v, "Cast");
            if (cast != null) {
                if (cast.getAttributeList().stream().noneMatch(a -> a.getName().equals("to")
                        && a.getI() == ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE)) {
                    continue;
                }
                v = cast.getInput(0);
            }
            String mask = unsqueezedTwice(v);
            if (mask != null && Integer.valueOf(2).equals(inputRanks.get(mask))) {
                return mask;
            }
        }
        return null;
    }

    /** x in {@code Unsqueeze(Unsqueeze(x, [1]), [2])} or {@code Unsqueeze(x, [1, 2])}; else null. */
    private String unsqueezedTwice(String value) {
        NodeProto outer = graph.producer(value, "Unsqueeze");
        if (outer == null) {
            return null;
        }
        if (List.of(1L, 2L).equals(axes(outer))) {
            return outer.getInput(0);
        }
        NodeProto inner = graph.producer(outer.getInput(0), "Unsqueeze");
        return List.of(2L).equals(axes(outer)) && inner != null && List.of(1L).equals(axes(inner)) ? inner.getInput(0) : null;
    }

    /** An Unsqueeze's axes (attribute before opset 13, constant input after), or null. */
    private List<Long> axes(NodeProto unsqueeze) {
        for (AttributeProto a : unsqueeze.getAttributeList()) {
            if (a.getName().equals("axes")) {
                return a.getIntsList();
            }
        }
        OnnxTensors.Constant c = unsqueeze.getInputCount() == 2 ? graph.constant(unsqueeze.getInput(1)) : null;
        return c == null || c.isReal() ? null : java.util.Arrays.stream(c.longs()).boxed().toList();
    }

}
