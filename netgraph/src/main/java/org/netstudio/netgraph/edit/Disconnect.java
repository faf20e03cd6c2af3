package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NodePath;

/** Removes a wire from the graph at {@code container}. */
public record Disconnect(NodePath container, Edge edge) implements GraphEdit {

    public Disconnect {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(edge, "edge");
    }

    @Override
    public Graph edited(Graph g) {
        NetPaths.requireEdge(g, container, edge);
        return g.withoutEdge(edge);
    }

    @Override
    public String description() {
        return "Disconnect " + NetPaths.endName(edge.from()) + " from " + NetPaths.endName(edge.to());
    }
}
