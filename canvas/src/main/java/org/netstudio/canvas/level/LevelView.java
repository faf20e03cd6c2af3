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
 * update incrementally. Lookups by id and by area ({@link #grid()}) and the bounds are worked out
 * once per level, so that a 10,000-node level answers them without a scan (on the JavaFX thread).
 */
public final class LevelView {

    public static final LevelView EMPTY = new LevelView(NodePath.ROOT, Graph.empty(), false, List.of(), List.of());

    private final NodePath path;
    private final Graph graph;
    private final boolean chain;
    private final List<NodeItem> nodes;
    private final List<WireItem> wires;
    private final Map<String, NodeItem> byId;
    private LevelGrid grid;
    private double[] bounds;
    private Boolean allPlaced;

    /**
     * @param chain whether the level is a Chain in the document (shown as its equivalent graph)
     */
    public LevelView(NodePath path, Graph graph, boolean chain, List<NodeItem> nodes, List<WireItem> wires) {
        this.path = path;
        this.graph = graph;
        this.chain = chain;
        this.nodes = List.copyOf(nodes);
        this.wires = List.copyOf(wires);
        Map<String, NodeItem> m = new LinkedHashMap<>(this.nodes.size() * 2);
        this.nodes.forEach(n -> m.put(n.id(), n));
        byId = Collections.unmodifiableMap(m);
    }

    public NodePath path() {
        return path;
    }

    public Graph graph() {
        return graph;
    }

    /** Whether the level is a Chain in the document (shown as its equivalent graph). */
    public boolean chain() {
        return chain;
    }

    public List<NodeItem> nodes() {
        return nodes;
    }

    public List<WireItem> wires() {
        return wires;
    }

    /** Nodes by id, in order. */
    public Map<String, NodeItem> byId() {
        return byId;
    }

    public NodeItem node(String id) {
        return byId.get(id);
    }

    /** The placed nodes and drawable wires bucketed by area, made on first use (on the JavaFX thread). */
    public LevelGrid grid() {
        if (grid == null) {
            grid = new LevelGrid(this);
        }
        return grid;
    }

    /** The bounds of placed nodes as {minX, minY, maxX, maxY}, or null when none is placed. */
    public double[] bounds() {
        if (bounds == null) {
            bounds = computeBounds();
        }
        return bounds.length == 0 ? null : bounds.clone();
    }

    private double[] computeBounds() {
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
        return any ? b : new double[0];
    }

    public boolean allPlaced() {
        if (allPlaced == null) {
            allPlaced = nodes.stream().allMatch(NodeItem::placed);
        }
        return allPlaced;
    }
}
