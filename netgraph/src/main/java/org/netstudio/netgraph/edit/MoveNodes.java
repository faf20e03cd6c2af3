package org.netstudio.netgraph.edit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/**
 * Moves nodes of the container at {@code container} on the canvas by (dx, dy) — one command for a
 * whole drag, committed on release. A name "$Input" stands for the container's graph port. Only
 * the layout changes; every name must already have a position.
 */
public record MoveNodes(NodePath container, List<String> names, double dx, double dy) implements Command {

    public MoveNodes {
        Objects.requireNonNull(container, "container");
        names = List.copyOf(new LinkedHashSet<>(names));
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new IllegalArgumentException("A move needs finite distances, but got " + dx + ", " + dy + ".");
        }
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetPaths.require(doc, container);
        Layout layout = doc.layout();
        for (String n : names) {
            String key = n.startsWith("$") ? NetPaths.portLayoutKey(container, n.substring(1))
                    : NetPaths.layoutKey(container.child(n));
            if (!n.startsWith("$")) {
                NetPaths.require(doc, container.child(n));
            }
            Layout.Position p = layout.positions().get(key);
            if (p == null) {
                throw new IllegalArgumentException(Names.node(container, n) + " has no position on the canvas yet.");
            }
            layout = layout.with(key, p.x() + dx, p.y() + dy);
        }
        return doc.withLayout(layout);
    }

    @Override
    public String description() {
        return "Move " + Names.several(names);
    }
}
