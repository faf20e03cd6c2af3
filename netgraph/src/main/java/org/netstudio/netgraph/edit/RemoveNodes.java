package org.netstudio.netgraph.edit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** Deletes nodes of the graph at {@code container}, with every wire touching them and their layout. */
public record RemoveNodes(NodePath container, List<String> names) implements Command {

    public RemoveNodes {
        Objects.requireNonNull(container, "container");
        names = List.copyOf(new LinkedHashSet<>(names));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Nothing to delete: no nodes were named.");
        }
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        Graph g = NetPaths.graphAt(doc, container);
        Layout layout = doc.layout();
        for (String n : names) {
            if (!g.nodes().containsKey(n)) {
                throw new IllegalArgumentException("There is no node " + Names.node(container, n) + " to delete.");
            }
            g = g.withoutNode(n);
            layout = NetPaths.withoutSubtree(layout, container.child(n));
        }
        return NetPaths.withNode(doc, container, g).withLayout(layout);
    }

    @Override
    public String description() {
        return "Delete " + Names.several(names);
    }
}
