package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * Turns the graph at {@code path} back into a chain when it is a simple line: one input "Input" and
 * one output "Output", every node with one input, wired first output to next input, nothing else.
 * The inverse of {@link ChainToGraph} (names and declarations kept).
 */
public record GraphToChain(NodePath path) implements Command {

    public GraphToChain {
        Objects.requireNonNull(path, "path");
    }

    /** Why the graph is not a simple line, or empty when it is. */
    public static Optional<String> whyNot(Graph g) {
        try {
            convert(g);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The chain computing what the graph computes; throws IllegalArgumentException when it is not a line. */
    public static Chain convert(Graph g) {
        if (!g.inputs().keySet().equals(Set.of("Input")) || !g.outputs().keySet().equals(Set.of("Output"))) {
            throw new IllegalArgumentException("Only a graph with one input 'Input' and one output 'Output' can be a chain.");
        }
        List<Chain.Element> elements = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        PortRef current = PortRef.graphPort("Input");
        while (true) {
            Edge next = null;
            for (Edge e : g.edges()) {
                if (e.from().equals(current)) {
                    if (next != null) {
                        throw new IllegalArgumentException(current + " feeds more than one port, so the graph is not a line.");
                    }
                    next = e;
                }
            }
            if (next == null) {
                throw new IllegalArgumentException(current + " feeds nothing, so the graph is not a line.");
            }
            if (next.to().equals(PortRef.graphPort("Output"))) {
                break;
            }
            String name = next.to().node();
            NetNode n = name == null ? null : g.nodes().get(name);
            if (n == null || !visited.add(name) || n.inputNames().size() != 1 || n.outputNames().isEmpty()
                    || !n.inputNames().get(0).equals(next.to().port())) {
                throw new IllegalArgumentException("The wire " + next + " does not continue a line of one-input layers.");
            }
            elements.add(new Chain.Element(name, n));
            current = PortRef.of(name, n.outputNames().get(0));
        }
        if (visited.size() != g.nodes().size() || g.edges().size() != elements.size() + 1) {
            throw new IllegalArgumentException("The graph has nodes or wires besides its line.");
        }
        return new Chain(elements, g.inputs().get("Input"), g.outputs().get("Output"));
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        return NetPaths.withNode(doc, path, convert(NetPaths.require(doc, path, Graph.class)));
    }

    @Override
    public String description() {
        return "Convert to chain";
    }
}
