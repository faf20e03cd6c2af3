package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;

/**
 * Adds a node (a layer or a container) to the graph at {@code container}, unwired, at
 * {@code position} on the canvas (null: no position yet). Refused when the name is taken or invalid.
 */
public record AddNode(NodePath container, String name, NetNode node, Layout.Position position) implements PlacingEdit {

    public AddNode {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
    }

    @Override
    public Graph edited(Graph g) {
        Names.requireFree(g, container, name);
        return g.withNode(name, node);
    }

    @Override
    public String placedKey() {
        return NetPaths.layoutKey(container.child(name));
    }

    @Override
    public String description() {
        return "Add " + node.typeName();
    }
}
