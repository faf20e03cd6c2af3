package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.net.Layer;

/**
 * The positions 0 … n-1 of a sequence, as a model computes them, made one SequenceIndices node before
 * the import maps nodes to layers, so that the position table they look up becomes a learnable
 * Embedding instead of a constant behind opaque shape arithmetic. Two forms: BERT's (Hugging Face's
 * {@code position_ids} buffer, a constant 0 … L-1, sliced to the length of the input:
 * {@code Slice(position_ids, 0, Unsqueeze(Gather(Shape(x), 1)), axis 1)}), and NetStudio's own export
 * ({@code CumSum(ConstantOfShape(Shape(x)[0:2], 1), axis 1, exclusive)}). The nodes that only computed
 * the length go with them.
 */
final class SequencePositions {

    static final String OP = "SequenceIndices";

    private final GraphRewrite graph;
    private int found;

    SequencePositions(GraphRewrite graph) {
        this.graph = graph;
    }

    /** Whether a node is a SequenceIndices this fold put in. */
    static boolean isFused(NodeProto p) {
        return p.getDomain().equals(WrittenOutAttention.DOMAIN) && p.getOpType().equals(OP);
    }

    /** The catalog SequenceIndices of a fused node, its maxLength when the model held the positions as a table. */
    static Mapping layer(OnnxNode n) {
        long max = n.i("maxLength", 0);
        Layer l = max > 0 && max <= Integer.MAX_VALUE ? Layer.of("SequenceIndices", "maxLength", (int) max)
                : Layer.of("SequenceIndices");
        return Mapping.layer(l, n.proto().getInput(0));
    }

    void note(ImportLog log) {
        if (found > 0) {
            log.note(found + " computation" + (found == 1 ? "" : "s") + " of the positions 0 … n-1 of a sequence (Shape, Gather,"
                    + " Unsqueeze, Slice of a constant range, or CumSum of ones) became SequenceIndices layers");
        }
    }

    /** BERT's form: a Slice of a constant 0 … L-1 along its last axis, from 0 to the input's length. */
    void slice(NodeProto slice) {
        if (slice.getInputCount() < 4 || slice.getOutputCount() != 1) {
            return;
        }
        OnnxTensors.Constant range = graph.constant(slice.getInput(0));
        if (range == null || range.isReal() || !isRange(range.longs()) || range.shape().length < 1
                || range.count() != range.shape()[range.shape().length - 1]) {
            return;
        }
        int rank = range.shape().length;
        if (!isLongs(slice.getInput(1), 0) || !isLongs(slice.getInput(3), rank - 1) && !isLongs(slice.getInput(3), -1)
                || slice.getInputCount() > 4 && !isLongs(slice.getInput(4), 1)) {
            return;
        }
        // ends = Unsqueeze(Gather(Shape(x), 1), 0): the length of x's sequence axis, as a one-element vector.
        NodeProto unsqueeze = graph.producer(slice.getInput(2), "Unsqueeze");
        NodeProto gather = unsqueeze == null ? null : graph.producer(unsqueeze.getInput(0), "Gather");
        NodeProto shape = gather == null ? null : graph.producer(gather.getInput(0), "Shape");
        if (shape == null || shape.getAttributeCount() > 0 || !isLongs(gather.getInput(1), 1)
                || new OnnxNode(gather).i("axis", 0) != 0
                || unsqueeze.getInputCount() > 1 && !isLongs(unsqueeze.getInput(1), 0)) {
            return;
        }
        fuse(List.of(slice), shape.getInput(0), range.count());
    }

    /** NetStudio's form: ones over (batch, n) summed along n, each element left out. */
    void cumSum(NodeProto sum) {
        OnnxNode s = new OnnxNode(sum);
        if (sum.getInputCount() != 2 || s.i("exclusive", 0) != 1 || s.i("reverse", 0) != 0 || !isLongs(sum.getInput(1), 1)) {
            return;
        }
        NodeProto ones = graph.producer(sum.getInput(0), "ConstantOfShape");
        if (ones == null || !graph.isInner(out(ones)) || !isOne(ones)) {
            return;
        }
        NodeProto size = graph.producer(ones.getInput(0), "Slice");
        if (size == null || !graph.isInner(out(size)) || size.getInputCount() < 3 || !isLongs(size.getInput(1), 0)
                || !isLongs(size.getInput(2), 2) || size.getInputCount() > 3 && !isLongs(size.getInput(3), 0)
                || size.getInputCount() > 4 && !isLongs(size.getInput(4), 1)) {
            return;
        }
        NodeProto shape = graph.producer(size.getInput(0), "Shape");
        if (shape == null || shape.getAttributeCount() > 0 || !graph.isInner(out(shape))) {
            return;
        }
        fuse(new ArrayList<>(List.of(shape, size, ones, sum)), shape.getInput(0), 0);
    }

    private void fuse(List<NodeProto> nodes, String x, long maxLength) {
        NodeProto last = nodes.get(nodes.size() - 1);
        NodeProto.Builder fused = NodeProto.newBuilder().setOpType(OP).setDomain(WrittenOutAttention.DOMAIN)
                .setName(last.getName()).addInput(x).addOutput(out(last));
        if (maxLength > 0) {
            fused.addAttribute(AttributeProto.newBuilder().setName("maxLength").setType(AttributeProto.AttributeType.INT)
                    .setI(maxLength));
        }
        if (graph.replace(nodes, fused.build())) {
            found++;
        }
    }

    /** Whether a ConstantOfShape fills with an integer 1. */
    private static boolean isOne(NodeProto ones) {
        for (AttributeProto a : ones.getAttributeList()) {
            if (a.getName().equals("value")) {
                OnnxTensors.Constant v = OnnxTensors.decode(a.getT());
                return !v.isReal() && v.count() == 1 && v.longs()[0] == 1;
            }
        }
        return false;
    }

    /** Whether a value is a constant integer holding just {@code expected} (a scalar or one-element vector). */
    private boolean isLongs(String value, long expected) {
        OnnxTensors.Constant c = graph.constant(value);
        return c != null && !c.isReal() && c.count() == 1 && c.longs()[0] == expected;
    }

    private static boolean isRange(long[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != i) {
                return false;
            }
        }
        return v.length > 0;
    }
}
