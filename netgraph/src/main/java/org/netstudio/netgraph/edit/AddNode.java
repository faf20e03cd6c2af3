package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;

/**
 * Adds a node (a layer or a container) to the graph at {@code container}, unwired, at
 * {@code position} on the canvas (null: no position yet). Refused when the name is taken or invalid.
 */
public record AddNode(NodePath container, String name, NetNode node, Layout.Position position) implements Command {

    public AddNode {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        Graph g = NetPaths.graphAt(doc, container);
        Names.requireFree(g, container, name);
        return NetPaths.placed(NetPaths.withNode(doc, container, g.withNode(name, node)),
                NetPaths.layoutKey(container.child(name)), position);
    }

    @Override
    public String description() {
        return "Add " + node.typeName();
    }
}
