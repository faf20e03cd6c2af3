package org.netstudio.netgraph.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A graph of named nodes joined by edges, with named input and output ports of its own. The
 * structure is not required to be valid (edges may name ports that do not exist, inputs may be
 * unconnected): the editor passes through such states, and inference reports them as diagnostics.
 *
 * @param inputs  the graph's input ports in order, with their declarations
 * @param nodes   the nodes by name, in insertion order
 * @param edges   the wires
 * @param outputs the graph's output ports in order, with their declarations
 */
public record Graph(Map<String, PortDecl> inputs, Map<String, NetNode> nodes, List<Edge> edges,
                    Map<String, PortDecl> outputs) implements NetNode {

    public Graph {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static Graph empty() {
        return new Graph(Map.of(), Map.of(), List.of(), Map.of());
    }

    public Graph withNode(String name, NetNode node) {
        Map<String, NetNode> n = new LinkedHashMap<>(nodes);
        n.put(name, node);
        return new Graph(inputs, n, edges, outputs);
    }

    /** Removes the node and every edge touching it. */
    public Graph withoutNode(String name) {
        Map<String, NetNode> n = new LinkedHashMap<>(nodes);
        n.remove(name);
        List<Edge> e = new ArrayList<>();
        for (Edge edge : edges) {
            if (!name.equals(edge.from().node()) && !name.equals(edge.to().node())) {
                e.add(edge);
            }
        }
        return new Graph(inputs, n, e, outputs);
    }

    public Graph withEdge(Edge edge) {
        List<Edge> e = new ArrayList<>(edges);
        e.add(edge);
        return new Graph(inputs, nodes, e, outputs);
    }

    public Graph withoutEdge(Edge edge) {
        List<Edge> e = new ArrayList<>(edges);
        e.remove(edge);
        return new Graph(inputs, nodes, e, outputs);
    }

    public Graph withInput(String name, PortDecl decl) {
        Map<String, PortDecl> i = new LinkedHashMap<>(inputs);
        i.put(name, decl);
        return new Graph(i, nodes, edges, outputs);
    }

    public Graph withOutput(String name, PortDecl decl) {
        Map<String, PortDecl> o = new LinkedHashMap<>(outputs);
        o.put(name, decl);
        return new Graph(inputs, nodes, edges, o);
    }

    /** The edges arriving at an input port of a node (a valid graph has exactly one). */
    public List<Edge> edgesInto(PortRef to) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(to)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The nodes the wires out of node {@code name} lead to, in wire order (the graph's output ports left out). */
    public List<String> nodesFedBy(String name) {
        List<String> out = new ArrayList<>();
        for (Edge e : edges) {
            if (name.equals(e.from().node()) && !e.to().isGraphPort()) {
                out.add(e.to().node());
            }
        }
        return out;
    }

    /** Whether a path of wires leads from node {@code from} to node {@code to} (or they are one node). */
    public boolean reaches(String from, String to) {
        return reaches(from, to, this::nodesFedBy);
    }

    /**
     * Whether following {@code next} from {@code from} leads to {@code to} (or they are one): the
     * search for a cycle a new wire would close, for any drawing of a graph whose wires lead from
     * one item to the next.
     */
    public static <T> boolean reaches(T from, T to, Function<T, ? extends Collection<T>> next) {
        Set<T> seen = new HashSet<>();
        Deque<T> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            T n = todo.pop();
            if (n.equals(to)) {
                return true;
            }
            if (seen.add(n)) {
                next.apply(n).forEach(todo::push);
            }
        }
        return false;
    }

    @Override
    public NetNode child(String name) {
        return nodes.get(name);
    }

    @Override
    public String typeName() {
        return "Graph";
    }

    @Override
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    @Override
    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }
}
