package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;

/**
 * The net an import builds, in the order its parts are added: input and output ports, nodes
 * (named by {@link UniqueNames}), edges, and the nodes' arrays. It becomes a Chain when it is one
 * line from its single input to its single output, else a Graph.
 */
final class NetAssembly {

    private final UniqueNames names = new UniqueNames();
    private final Map<String, PortDecl> inputs = new LinkedHashMap<>();
    private final Map<String, NetNode> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, PortDecl> outputs = new LinkedHashMap<>();
    private final Map<String, WeightArray> weights = new LinkedHashMap<>();

    /** A new node name like {@code wanted} (see {@link UniqueNames#of}). */
    String name(String wanted, String fallback) {
        return names.of(wanted, fallback);
    }

    /** Adds an input port named like {@code wanted}; returns its name. */
    String addInput(String wanted, PortDecl decl) {
        String name = names.of(wanted, "input");
        inputs.put(name, decl);
        return name;
    }

    /** Adds an output port named like {@code wanted}, fed from {@code from}. */
    void addOutput(String wanted, PortRef from) {
        String name = names.of(wanted, "output");
        outputs.put(name, PortDecl.UNSPECIFIED);
        edges.add(new Edge(from, PortRef.graphPort(name)));
    }

    boolean hasOutputs() {
        return !outputs.isEmpty();
    }

    NetNode node(String name) {
        return nodes.get(name);
    }

    /** Adds a node, or replaces the one of that name. */
    void putNode(String name, NetNode node) {
        nodes.put(name, node);
    }

    void connect(PortRef from, PortRef to) {
        edges.add(new Edge(from, to));
    }

    /** Whether an edge leaves the node. */
    boolean feeds(String name) {
        return edges.stream().anyMatch(e -> name.equals(e.from().node()));
    }

    /** Takes a node out with the edges into it and its arrays. */
    void remove(String name) {
        nodes.remove(name);
        edges.removeIf(e -> name.equals(e.to().node()));
        weights.keySet().removeIf(k -> k.startsWith(Weights.key(NodePath.of(name), "")));
    }

    void putArray(String node, String array, long[] shape, OnnxTensors.Constant c) {
        putArray(NodePath.of(node), array, shape, c);
    }

    /** Keeps a constant as an array of a node, as float32 values. */
    void putArray(NodePath node, String array, long[] shape, OnnxTensors.Constant c) {
        float[] values = c.floats();
        if (values == null) {
            values = new float[c.longs().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.longs()[i];
            }
        }
        String key = Weights.key(node, array);
        weights.put(key, WeightArray.of(key, shape, values));
    }

    Collection<WeightArray> arrays() {
        return weights.values();
    }

    /** The names of the dynamic axes of the net's inputs ("n"). */
    Set<String> inputSymbols() {
        Set<String> symbols = new HashSet<>();
        for (PortDecl p : inputs.values()) {
            if (p.type() != null && p.type().rankKnown()) {
                p.type().dims().stream().filter(x -> x instanceof Dim.Symbolic).forEach(x -> symbols.add(((Dim.Symbolic) x).name()));
            }
        }
        return symbols;
    }

    /** The net: a Chain when it is one line from its input to its output, else a Graph. */
    NetNode net() {
        return asChain().<NetNode>map(c -> c).orElseGet(() -> new Graph(inputs, nodes, edges, outputs));
    }

    private Optional<Chain> asChain() {
        if (inputs.size() != 1 || outputs.size() != 1 || nodes.isEmpty() || edges.size() != nodes.size() + 1) {
            return Optional.empty();
        }
        PortRef expected = PortRef.graphPort(inputs.keySet().iterator().next());
        List<String> order = new ArrayList<>(nodes.keySet());
        Map<PortRef, PortRef> into = new HashMap<>();
        for (Edge e : edges) {
            into.put(e.to(), e.from());
        }
        for (String name : order) {
            NetNode node = nodes.get(name);
            if (node.inputNames().size() != 1 || !expected.equals(into.get(PortRef.of(name, node.inputNames().get(0))))) {
                return Optional.empty();
            }
            expected = PortRef.of(name, "Output");
        }
        if (!expected.equals(into.get(PortRef.graphPort(outputs.keySet().iterator().next())))) {
            return Optional.empty();
        }
        List<NetNode> list = order.stream().map(nodes::get).toList();
        return Optional.of(Chain.named(inputs.values().iterator().next(), list, order, PortDecl.UNSPECIFIED));
    }
}
