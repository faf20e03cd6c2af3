package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts one operator in the place of a layer an exporter wrote out in elementary operators, before the
 * import maps nodes to layers: PyTorch 1.13 writes {@code nn.LayerNorm} below opset 17 as
 * ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add, and {@code nn.GELU} as Div, Erf, Add, Mul,
 * Mul. Mapped node by node, a LayerNorm's means stay opaque and pass no gradient; as one
 * LayerNormalization (or Gelu) node it becomes one catalog layer that learns, runs as one kernel and
 * reads as the layer the person wrote. A pattern is taken only when its inner values are read by
 * nothing else and are not model outputs, so the model computes the same.
 */
final class WrittenOutLayers {

    private static final double SQRT2 = Math.sqrt(2);

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Set<String> outputs = new HashSet<>();
    /** Node → the node that replaces it (at the pattern's last node) or null when it is dropped. */
    private final Map<NodeProto, NodeProto> replaced = new LinkedHashMap<>();
    private final List<TensorProto> added = new ArrayList<>();
    private int layerNorms;
    private int gelus;

    private WrittenOutLayers(GraphProto graph) {
        this.graph = graph;
        for (NodeProto n : graph.getNodeList()) {
            for (String i : n.getInputList()) {
                readers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
        }
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
    }

    /** The model with its written-out layers folded, and a note in the log for what was folded. */
    static ModelProto fold(ModelProto model, ImportLog log) {
        WrittenOutLayers w = new WrittenOutLayers(model.getGraph());
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (w.replaced.containsKey(n)) {
                continue;
            }
            if (n.getOpType().equals("ReduceMean")) {
                w.layerNorm(n);
            } else if (n.getOpType().equals("Erf")) {
                w.gelu(n);
            }
        }
        if (w.replaced.isEmpty()) {
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
        GraphProto.Builder g = model.getGraph().toBuilder().clearNode().addAllInitializer(w.added);
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (!w.replaced.containsKey(n)) {
                g.addNode(n);
            } else if (w.replaced.get(n) != null) {
                g.addNode(w.replaced.get(n));
            }
        }
        return model.toBuilder().setGraph(g).build();
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
        NodeProto sub = onlyReader(mean, "Sub");
        if (sub == null || !sub.getInput(0).equals(x) || !sub.getInput(1).equals(out(mean))) {
            return;
        }
        List<NodeProto> subReaders = readersOf(out(sub));
        if (subReaders.size() != 2 || outputs.contains(out(sub))) {
            return;
        }
        NodeProto pow = subReaders.stream().filter(r -> r.getOpType().equals("Pow")).findFirst().orElse(null);
        NodeProto div = subReaders.stream().filter(r -> r.getOpType().equals("Div")).findFirst().orElse(null);
        if (pow == null || div == null || !pow.getInput(0).equals(out(sub)) || !isNumber(pow.getInput(1), 2)
                || !div.getInput(0).equals(out(sub))) {
            return;
        }
        NodeProto variance = onlyReader(pow, "ReduceMean");
        if (variance == null || !lastAxis(variance)) {
            return;
        }
        NodeProto add = onlyReader(variance, "Add");
        Float eps = add == null ? null : otherNumber(add, out(variance));
        if (eps == null) {
            return;
        }
        NodeProto sqrt = onlyReader(add, "Sqrt");
        if (sqrt == null || onlyReader(sqrt, "Div") != div || !div.getInput(1).equals(out(sqrt))) {
            return;
        }
        List<NodeProto> nodes = new ArrayList<>(List.of(mean, sub, pow, variance, add, sqrt, div));
        NodeProto scale = onlyReader(div, "Mul");
        String gamma = scale == null ? null : otherVector(scale, out(div));
        if (gamma == null) {
            return;
        }
        nodes.add(scale);
        NodeProto shift = onlyReader(scale, "Add");
        String beta = shift == null ? null : otherVector(shift, out(scale));
        if (beta != null && length(beta) == length(gamma)) {
            nodes.add(shift);
        } else {
            beta = zeros(out(scale) + ":beta", length(gamma));
        }
        NodeProto last = nodes.get(nodes.size() - 1);
        NodeProto fused = NodeProto.newBuilder().setOpType("LayerNormalization").setName(last.getName())
                .addInput(x).addInput(gamma).addInput(beta).addOutput(out(last))
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(-1))
                .addAttribute(AttributeProto.newBuilder().setName("epsilon")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(eps)).build();
        replace(nodes, fused);
        layerNorms++;
    }

    /** {@code y = x * 0.5 * (1 + erf(x / √2))}, the products in either order. */
    private void gelu(NodeProto erf) {
        NodeProto scaled = producers.get(erf.getInput(0));
        if (scaled == null || readersOf(out(scaled)).size() != 1 || outputs.contains(out(scaled))) {
            return;
        }
        String x;
        if (scaled.getOpType().equals("Div") && isNumber(scaled.getInput(1), SQRT2)) {
            x = scaled.getInput(0);
        } else if (scaled.getOpType().equals("Mul") && isNumber(scaled.getInput(1), 1 / SQRT2)) {
            x = scaled.getInput(0);
        } else {
            return;
        }
        NodeProto plusOne = onlyReader(erf, "Add");
        Float one = plusOne == null ? null : otherNumber(plusOne, out(erf));
        if (one == null || one != 1f) {
            return;
        }
        NodeProto times = onlyReader(plusOne, "Mul");
        if (times == null) {
            return;
        }
        String other = times.getInput(0).equals(out(plusOne)) ? times.getInput(1) : times.getInput(0);
        List<NodeProto> nodes = new ArrayList<>(List.of(scaled, erf, plusOne));
        if (other.equals(x)) {
            // x · (1 + erf) first, then · 0.5
            NodeProto half = onlyReader(times, "Mul");
            Float h = half == null ? null : otherNumber(half, out(times));
            if (h == null || h != 0.5f) {
                return;
            }
            nodes.add(times);
            nodes.add(half);
        } else {
            // (x · 0.5) · (1 + erf)
            NodeProto half = producers.get(other);
            if (half == null || !half.getOpType().equals("Mul") || readersOf(other).size() != 1 || outputs.contains(other)
                    || !half.getInputList().contains(x)) {
                return;
            }
            Float h = otherNumber(half, x);
            if (h == null || h != 0.5f) {
                return;
            }
            nodes.add(0, half);
            nodes.add(times);
        }
        NodeProto last = nodes.get(nodes.size() - 1);
        replace(nodes, NodeProto.newBuilder().setOpType("Gelu").setName(last.getName()).addInput(x)
                .addOutput(out(last)).build());
        gelus++;
    }

    private void replace(List<NodeProto> nodes, NodeProto fused) {
        for (NodeProto n : nodes) {
            if (replaced.containsKey(n)) {
                return;
            }
        }
        // The fused node stands where the last node stood: every input it reads is computed before that.
        NodeProto last = null;
        for (NodeProto n : graph.getNodeList()) {
            if (nodes.contains(n)) {
                last = n;
            }
        }
        for (NodeProto n : nodes) {
            replaced.put(n, n == last ? fused : null);
        }
    }

    private static String out(NodeProto n) {
        return n.getOutputCount() == 1 ? n.getOutput(0) : "";
    }

    private List<NodeProto> readersOf(String value) {
        return readers.getOrDefault(value, List.of());
    }

    /** The one node reading {@code n}'s output, when it is of type {@code op} and that output is not a model output. */
    private NodeProto onlyReader(NodeProto n, String op) {
        String o = out(n);
        List<NodeProto> r = readersOf(o);
        if (o.isEmpty() || r.size() != 1 || outputs.contains(o) || !r.get(0).getOpType().equals(op)) {
            return null;
        }
        return r.get(0);
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
            OnnxTensors.Constant c = constant(reduce.getInput(1));
            axes = c == null || c.isReal() ? null : java.util.Arrays.stream(c.longs()).boxed().toList();
        }
        return keep && axes != null && axes.equals(List.of(-1L));
    }

    /** The other input of a two-input node, when it is one constant number. */
    private Float otherNumber(NodeProto n, String value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        String other = n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(1).equals(value) ? n.getInput(0) : null;
        OnnxTensors.Constant c = other == null ? null : constant(other);
        return c != null && c.isReal() && c.count() == 1 ? c.floats()[0] : null;
    }

    /** The other input of a two-input node, when it is a constant real vector (an initializer). */
    private String otherVector(NodeProto n, String value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        String other = n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(1).equals(value) ? n.getInput(0) : null;
        TensorProto t = other == null ? null : initializers.get(other);
        return t != null && t.getDimsCount() == 1 && OnnxTensors.isRealType(t.getDataType()) ? other : null;
    }

    private long length(String initializer) {
        return initializers.get(initializer).getDims(0);
    }

    private String zeros(String name, long length) {
        added.add(OnnxTensors.floats(name, new long[] {length}, new float[Math.toIntExact(length)]));
        return name;
    }

    private boolean isNumber(String value, double expected) {
        OnnxTensors.Constant c = constant(value);
        return c != null && c.isReal() && c.count() == 1 && Math.abs(c.floats()[0] - expected) <= 1e-6 * Math.abs(expected);
    }

    /** A value given by an initializer or a Constant node, or null. */
    private OnnxTensors.Constant constant(String value) {
        TensorProto t = initializers.get(value);
        if (t != null) {
            return OnnxTensors.decode(t);
        }
        NodeProto p = producers.get(value);
        return p != null && p.getOpType().equals("Constant") ? ModelGraph.constantOf(new OnnxNode(p)) : null;
    }
}
