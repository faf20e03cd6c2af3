package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One graph as read, with which node computes and which nodes read each value, and the nodes that
 * folds put in the place of patterns of others. {@link #rewritten()} gives the graph with each
 * pattern replaced and the nodes that only computed what a pattern read (a Reshape target, a mask)
 * dropped. One per import, before nodes are mapped.
 */
final class GraphRewrite {

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Set<String> outputs = new HashSet<>();
    /** Node → the nodes that replace it (at the pattern's last node) or null when it is dropped. */
    private final Map<NodeProto, List<NodeProto>> replaced = new LinkedHashMap<>();
    private final List<TensorProto> added = new ArrayList<>();

    GraphRewrite(GraphProto graph) {
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

    /** Offers each node of the graph in order to {@code fold}, but for those an earlier fold has replaced. */
    void foldEach(Consumer<NodeProto> fold) {
        for (NodeProto n : graph.getNodeList()) {
            if (!isReplaced(n)) {
                fold.accept(n);
            }
        }
    }

    boolean isReplaced(NodeProto n) {
        return replaced.containsKey(n);
    }

    boolean changed() {
        return !replaced.isEmpty();
    }

    /** The one output of a node, or "" when it has several. */
    static String out(NodeProto n) {
        return n.getOutputCount() == 1 ? n.getOutput(0) : "";
    }

    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** The node computing a value when it is of type {@code op}, else null. */
    NodeProto producer(String value, String op) {
        NodeProto p = producers.get(value);
        return p != null && p.getOpType().equals(op) ? p : null;
    }

    /**
     * The Transpose of {@code Transpose(Reshape(x, target), perm)} computing {@code value} (a split
     * into heads), when both nodes' outputs are read by the pattern alone; else null.
     */
    NodeProto transposedReshape(String value, List<Long> perm) {
        NodeProto transpose = producer(value, "Transpose");
        if (transpose == null || !isInner(value) || !perm(transpose).equals(perm)) {
            return null;
        }
        NodeProto reshape = producer(transpose.getInput(0), "Reshape");
        return reshape == null || !isInner(out(reshape)) || reshape.getInputCount() != 2 ? null : transpose;
    }

    /** A Transpose's perm attribute (empty when it has none). */
    static List<Long> perm(NodeProto transpose) {
        return transpose.getAttributeList().stream().filter(a -> a.getName().equals("perm")).findFirst()
                .map(AttributeProto::getIntsList).orElse(List.of());
    }

    List<NodeProto> readersOf(String value) {
        return readers.getOrDefault(value, List.of());
    }

    boolean isOutput(String value) {
        return outputs.contains(value);
    }

    /** Whether a value is read by exactly one node and is no model output: a pattern may take it in. */
    boolean isInner(String value) {
        return readersOf(value).size() == 1 && !outputs.contains(value);
    }

    /** The one node reading {@code n}'s output, when it is of type {@code op} and that output is not a model output. */
    NodeProto onlyReader(NodeProto n, String op) {
        String o = out(n);
        if (o.isEmpty() || !isInner(o) || !readersOf(o).get(0).getOpType().equals(op)) {
            return null;
        }
        return readersOf(o).get(0);
    }

    /**
     * The initializer giving a value, seen through Identity nodes (PyTorch writes one array that several
     * modules hold equal, such as fresh LayerNorm weights or a copied layer's, once, and Identity for the others).
     */
    TensorProto initializer(String value) {
        NodeProto identity = producer(value, "Identity");
        return identity != null && identity.getInputCount() == 1 ? initializer(identity.getInput(0)) : initializers.get(value);
    }

    /** A value given by an initializer (seen through Identity nodes) or a Constant node, or null. */
    OnnxTensors.Constant constant(String value) {
        TensorProto t = initializer(value);
        if (t != null) {
            return OnnxTensors.decode(t);
        }
        NodeProto p = producers.get(value);
        return p != null && p.getOpType().equals("Constant") ? ModelGraph.constantOf(new OnnxNode(p)) : null;
    }

    /** Whether a value is one constant number within a millionth of {@code expected}. */
    boolean isNumber(String value, double expected) {
        Float f = number(value);
        return f != null && Math.abs(f - expected) <= 1e-6 * Math.abs(expected);
    }

    /** Whether a value is one constant number, integer or real, equal to {@code expected}. */
    boolean isConstant(String value, long expected) {
        OnnxTensors.Constant c = constant(value);
        return c != null && c.count() == 1 && c.value(0) == expected;
    }

    /** The value when it is one constant real number, else null. */
    Float number(String value) {
        OnnxTensors.Constant c = constant(value);
        return c != null && c.isReal() && c.count() == 1 ? c.floats()[0] : null;
    }

    /** The other input of a two-input node, or null when {@code value} is not one of its inputs. */
    static String other(NodeProto n, String value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        return n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(1).equals(value) ? n.getInput(0) : null;
    }

    /** The other input of a two-input node, when it is one constant number. */
    Float otherNumber(NodeProto n, String value) {
        String other = other(n, value);
        return other == null ? null : number(other);
    }

    /** A new initializer of zeros; returns its name. */
    String zeros(String name, long length) {
        return floats(name, new long[] {length}, new float[Math.toIntExact(length)]);
    }

    /** A new initializer of integers; returns its name. */
    String longs(String name, long[] shape, long[] values) {
        added.add(OnnxTensors.longs(name, shape, values));
        return name;
    }

    /** A new initializer; returns its name. */
    String floats(String name, long[] shape, float[] values) {
        added.add(OnnxTensors.floats(name, shape, values));
        return name;
    }

    /**
     * Whether every node reading {@code n}'s outputs is in {@code pattern} or computes only what nodes
     * of the pattern read (the shape arithmetic of its Reshape targets, say), and none is a model output:
     * with the pattern replaced, nothing is left reading a value that is gone.
     */
    boolean feedsOnly(NodeProto n, java.util.Collection<NodeProto> pattern) {
        for (String o : n.getOutputList()) {
            if (outputs.contains(o)) {
                return false;
            }
            for (NodeProto r : readersOf(o)) {
                if (!pattern.contains(r) && (r.getOutputCount() == 0 || !feedsOnly(r, pattern))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Puts {@code fused} where the last of {@code nodes} stands and drops the others; false (and
     * nothing changes) when one of them is already part of another pattern.
     */
    boolean replace(List<NodeProto> nodes, NodeProto fused) {
        return replace(nodes, List.of(fused));
    }

    /** {@link #replace(List, NodeProto)} by several nodes, in the order given. */
    boolean replace(List<NodeProto> nodes, List<NodeProto> fused) {
        for (NodeProto n : nodes) {
            if (replaced.containsKey(n)) {
                return false;
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
        return true;
    }

    /**
     * The graph with every pattern replaced, without the nodes that fed only the replaced ones (and
     * so computed what no node reads any more); a node nothing read before stays, as the model has it.
     */
    GraphProto rewritten() {
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            if (!replaced.containsKey(n)) {
                kept.add(n);
            } else if (replaced.get(n) != null) {
                kept.addAll(replaced.get(n));
            }
        }
        boolean changed = true;
        while (changed) {
            Map<String, Integer> uses = new HashMap<>();
            kept.forEach(n -> n.getInputList().forEach(i -> uses.merge(i, 1, Integer::sum)));
            changed = kept.removeIf(n -> n.getOutputCount() > 0
                    && n.getOutputList().stream().allMatch(o -> !outputs.contains(o) && !uses.containsKey(o)
                            && !readersOf(o).isEmpty()));
        }
        return graph.toBuilder().clearNode().addAllNode(kept).addAllInitializer(added).build();
    }
}
