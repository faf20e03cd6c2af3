package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one operator in the place of a layer an exporter wrote out in elementary operators, before the
 * import maps nodes to layers: PyTorch 1.13 writes {@code nn.LayerNorm} below opset 17 as
 * ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add, and {@code nn.GELU} as Div, Erf, Add, Mul,
 * Mul. Mapped node by node, a LayerNorm's means stay opaque and pass no gradient; as one
 * LayerNormalization (or Gelu) node it becomes one catalog layer that learns, runs as one kernel and
 * reads as the layer the person wrote. Scaled dot-product attention and a sequence's positions are
 * recognised the same way ({@link WrittenOutAttention}, {@link SequencePositions}). A pattern is
 * taken only when its inner values are read by nothing else and are not model outputs, so the model
 * computes the same.
 */
final class WrittenOutLayers {

    private static final double SQRT2 = Math.sqrt(2);

    private final GraphRewrite graph;
    private int layerNorms;
    private int gelus;

    private WrittenOutLayers(GraphRewrite graph) {
        this.graph = graph;
    }

    /** The model with its written-out layers folded, and a note in the log for what was folded. */
    static ModelProto fold(ModelProto model, ImportLog log) {
        GraphRewrite g = new GraphRewrite(model.getGraph());
        WrittenOutLayers w = new WrittenOutLayers(g);
        WrittenOutAttention attention = new WrittenOutAttention(g, model);
        SequencePositions positions = new SequencePositions(g);
        PackedAttention packed = new PackedAttention(g);
        g.foldEach(n -> {
            switch (n.getOpType()) {
                case "ReduceMean" -> w.layerNorm(n);
                case "Erf" -> w.gelu(n);
                case "Softmax" -> {
                    attention.fold(n);
                    if (!g.isReplaced(n)) {
                        packed.fold(n);
                    }
                }
                case "Slice" -> positions.slice(n);
                case "CumSum" -> positions.cumSum(n);
                default -> { }
            }
        });
        if (!g.changed()) {
            return model;
        }
        if (w.layerNorms > 0) {
            log.note(w.layerNorms + " LayerNorm" + (w.layerNorms == 1 ? "" : "s") + " written out in operators (ReduceMean,"
                    + " Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add) became LayerNorm layers");
        }
        if (w.gelus > 0) {
            log.note(w.gelus + " GELU" + (w.gelus == 1 ? "" : "s") + " written out in operators (Div, Erf, Add, Mul, Mul)"
                    + " became GELU layers");
        }
        attention.note(log);
        positions.note(log);
        packed.note(log);
        return model.toBuilder().setGraph(g.rewritten()).build();
    }

    /**
     * {@code m = ReduceMean(x); d = x - m; v = ReduceMean(d^2); n = d / sqrt(v + eps); y = n * gamma + beta},
     * the means over the last axis.
     */
    private void layerNorm(NodeProto mean) {
        String x = mean.getInput(0);
        if (!lastAxis(mean)) {
            return;
        }
        NodeProto sub = graph.onlyReader(mean, "Sub");
        if (sub == null || !sub.getInput(0).equals(x) || !sub.getInput(1).equals(out(mean))) {
            return;
        }
        List<NodeProto> subReaders = graph.readersOf(out(sub));
        if (subReaders.size() != 2 || graph.isOutput(out(sub))) {
            return;
        }
        NodeProto pow = subReaders.stream().filter(r -> r.getOpType().equals("Pow")).findFirst().orElse(null);
        NodeProto div = subReaders.stream().filter(r -> r.getOpType().equals("Div")).findFirst().orElse(null);
        if (pow == null || div == null || !pow.getInput(0).equals(out(sub)) || !graph.isNumber(pow.getInput(1), 2)
                || !div.getInput(0).equals(out(sub))) {
            return;
        }
        NodeProto variance = graph.onlyReader(pow, "ReduceMean");
        if (variance == null || !lastAxis(variance)) {
            return;
        }
        NodeProto add = graph.onlyReader(variance, "Add");
        Float eps = add == null ? null : graph.otherNumber(add, out(variance));
        if (eps == null) {
            return;
        }
        NodeProto sqrt = graph.onlyReader(add, "Sqrt");
        if (sqrt == null || graph.onlyReader(sqrt, "Div") != div || !div.getInput(1).equals(out(sqrt))) {
            return;
        }
        List<NodeProto> nodes = new ArrayList<>(List.of(mean, sub, pow, variance, add, sqrt, div));
        NodeProto scale = graph.onlyReader(div, "Mul");
        String gamma = scale == null ? null : otherVector(scale, out(div));
        if (gamma == null) {
            return;
        }
        nodes.add(scale);
        NodeProto shift = graph.onlyReader(scale, "Add");
        String beta = shift == null ? null : otherVector(shift, out(scale));
        if (beta != null && length(beta) == length(gamma)) {
            nodes.add(shift);
        } else {
            beta = graph.zeros(out(scale) + ":beta", length(gamma));
        }
        NodeProto last = nodes.get(nodes.size() - 1);
        NodeProto fused = NodeProto.newBuilder().setOpType("LayerNormalization").setName(last.getName())
                .addInput(x).addInput(gamma).addInput(beta).addOutput(out(last))
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(-1))
                .addAttribute(AttributeProto.newBuilder().setName("epsilon")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(eps)).build();
        if (graph.replace(nodes, fused)) {
            layerNorms++;
        }
    }

    /** {@code y = x * 0.5 * (1 + erf(x / √2))}, the products in either order. */
    private void gelu(NodeProto erf) {
        NodeProto scaled = graph.producer(erf.getInput(0));
        if (scaled == null || graph.readersOf(out(scaled)).size() != 1 || graph.isOutput(out(scaled))) {
            return;
        }
        String x;
        if (scaled.getOpType().equals("Div") && graph.isNumber(scaled.getInput(1), SQRT2)) {
            x = scaled.getInput(0);
        } else if (scaled.getOpType().equals("Mul") && graph.isNumber(scaled.getInput(1), 1 / SQRT2)) {
            x = scaled.getInput(0);
        } else {
            return;
        }
        NodeProto plusOne = graph.onlyReader(erf, "Add");
        Float one = plusOne == null ? null : graph.otherNumber(plusOne, out(erf));
        if (one == null || one != 1f) {
            return;
        }
        NodeProto times = graph.onlyReader(plusOne, "Mul");
        if (times == null) {
            return;
        }
        String other = times.getInput(0).equals(out(plusOne)) ? times.getInput(1) : times.getInput(0);
        List<NodeProto> nodes = new ArrayList<>(List.of(scaled, erf, plusOne));
        if (other.equals(x)) {
            // x · (1 + erf) first, then · 0.5
            NodeProto half = graph.onlyReader(times, "Mul");
            Float h = half == null ? null : graph.otherNumber(half, out(times));
            if (h == null || h != 0.5f) {
                return;
            }
            nodes.add(times);
            nodes.add(half);
        } else {
            // (x · 0.5) · (1 + erf)
            NodeProto half = graph.producer(other);
            if (half == null || !half.getOpType().equals("Mul") || graph.readersOf(other).size() != 1 || graph.isOutput(other)
                    || !half.getInputList().contains(x)) {
                return;
            }
            Float h = graph.otherNumber(half, x);
            if (h == null || h != 0.5f) {
                return;
            }
            nodes.add(0, half);
            nodes.add(times);
        }
        NodeProto last = nodes.get(nodes.size() - 1);
        if (graph.replace(nodes, NodeProto.newBuilder().setOpType("Gelu").setName(last.getName()).addInput(x)
                .addOutput(out(last)).build())) {
            gelus++;
        }
    }

    /** Whether a ReduceMean averages over the last axis only, keeping it (axes as attribute or, from opset 18, input). */
    private boolean lastAxis(NodeProto reduce) {
        List<Long> axes = null;
        boolean keep = true;
        for (AttributeProto a : reduce.getAttributeList()) {
            if (a.getName().equals("axes")) {
                axes = a.getIntsList();
            } else if (a.getName().equals("keepdims")) {
                keep = a.getI() != 0;
            }
        }
        if (axes == null && reduce.getInputCount() > 1) {
            OnnxTensors.Constant c = graph.constant(reduce.getInput(1));
            axes = c == null || c.isReal() ? null : java.util.Arrays.stream(c.longs()).boxed().toList();
        }
        return keep && axes != null && axes.equals(List.of(-1L));
    }

    /** The other input of a two-input node, when it is a constant real vector (an initializer). */
    private String otherVector(NodeProto n, String value) {
        String other = GraphRewrite.other(n, value);
        TensorProto t = other == null ? null : graph.initializer(other);
        return t != null && t.getDimsCount() == 1 && OnnxTensors.isRealType(t.getDataType()) ? other : null;
    }

    private long length(String initializer) {
        return graph.initializer(initializer).getDims(0);
    }
}
