package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * Turns the chain at {@code path} into the equivalent graph, so the canvas can edit any net as a
 * graph: element names are kept, the ports are "Input" and "Output" with the chain's declarations,
 * and each element's first output is wired to the next element's first input. Nested chains stay
 * chains. The layout is unchanged (paths are the same).
 */
public record ChainToGraph(NodePath path) implements Command {

    public ChainToGraph {
        Objects.requireNonNull(path, "path");
    }

    /** The graph computing what the chain computes; throws when an element is named "Input" or "Output". */
    public static Graph convert(Chain chain) {
        for (Chain.Element e : chain.elements()) {
            if (e.name().equals("Input") || e.name().equals("Output")) {
                throw new IllegalArgumentException("A layer named '" + e.name() + "' would clash with the graph's port of"
                        + " that name; rename it first.");
            }
        }
        return view(chain);
    }

    /**
     * The chain drawn as the graph {@link #convert} makes, for showing any chain (the canvas): an
     * element named "Input" or "Output" keeps its name beside the graph port of that name, which a
     * conversion refuses.
     */
    public static Graph view(Chain chain) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        PortRef previous = PortRef.graphPort("Input");
        for (Chain.Element e : chain.elements()) {
            nodes.put(e.name(), e.node());
            NetNode n = e.node();
            if (!n.inputNames().isEmpty()) {
                edges.add(new Edge(previous, PortRef.of(e.name(), n.inputNames().get(0))));
            }
            if (n.outputNames().isEmpty()) {
                previous = null;
                break;
            }
            previous = PortRef.of(e.name(), n.outputNames().get(0));
        }
        if (previous != null) {
            edges.add(new Edge(previous, PortRef.graphPort("Output")));
        }
        return new Graph(Map.of("Input", chain.input()), nodes, edges, Map.of("Output", chain.output()));
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        return NetPaths.withNode(doc, path, convert(NetPaths.require(doc, path, Chain.class)));
    }

    @Override
    public String description() {
        return "Convert to graph";
    }
}
