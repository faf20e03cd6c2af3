package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * Drops a new node onto a wire: the wire {@code from → to} becomes {@code from → node → to}, through
 * the node's first input and first output. The node goes to {@code position} (null: none).
 */
public record InsertOnEdge(NodePath container, Edge edge, String name, NetNode node, Layout.Position position)
        implements PlacingEdit {

    public InsertOnEdge {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
    }

    @Override
    public Graph edited(Graph g) {
        int at = NetPaths.requireEdge(g, container, edge);
        if (node.inputNames().isEmpty() || node.outputNames().isEmpty()) {
            throw new IllegalArgumentException("A " + node.typeName() + " cannot go on a wire: it needs an input and an output.");
        }
        Graph added = adding().edited(g);
        List<Edge> edges = new ArrayList<>(g.edges());
        edges.set(at, new Edge(edge.from(), PortRef.of(name, node.inputNames().get(0))));
        edges.add(at + 1, new Edge(PortRef.of(name, node.outputNames().get(0)), edge.to()));
        return new Graph(added.inputs(), added.nodes(), edges, added.outputs());
    }

    /** The node added, unwired, where it goes: an insert is that add with the wire rerouted through the node. */
    private AddNode adding() {
        return new AddNode(container, name, node, position);
    }

    @Override
    public String placedKey() {
        return adding().placedKey();
    }

    @Override
    public String description() {
        return "Insert " + node.typeName();
    }
}
