package org.netstudio.canvas.level;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NodePath;

/**
 * Everything the canvas shows of one graph level: its nodes (layers, containers, graph ports) and
 * wires with types and problems. Immutable; rebuilt after every edit, compared by node id so views
 * update incrementally.
 *
 * @param chain whether the level is a Chain in the document (shown as its equivalent graph)
 */
public record LevelView(NodePath path, Graph graph, boolean chain, List<NodeItem> nodes, List<WireItem> wires) {

    public static final LevelView EMPTY = new LevelView(NodePath.ROOT, Graph.empty(), false, List.of(), List.of());

    public LevelView {
        nodes = List.copyOf(nodes);
        wires = List.copyOf(wires);
    }

    /** Nodes by id, in order. */
    public Map<String, NodeItem> byId() {
        Map<String, NodeItem> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.id(), n));
        return Collections.unmodifiableMap(m);
    }

    public NodeItem node(String id) {
        for (NodeItem n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** The bounds of placed nodes as {minX, minY, maxX, maxY}, or null when none is placed. */
    public double[] bounds() {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        boolean any = false;
        for (NodeItem n : nodes) {
            if (n.placed()) {
                any = true;
                b[0] = Math.min(b[0], n.x());
                b[1] = Math.min(b[1], n.y());
                b[2] = Math.max(b[2], n.x() + n.width());
                b[3] = Math.max(b[3], n.y() + n.height());
            }
        }
        return any ? b : null;
    }

    public boolean allPlaced() {
        return nodes.stream().allMatch(NodeItem::placed);
    }
}
