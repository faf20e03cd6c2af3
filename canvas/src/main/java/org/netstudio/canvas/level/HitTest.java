package org.netstudio.canvas.level;

/**
 * Finds what lies under a canvas point of a {@link LevelView}: a port, a node or a wire. Pure
 * geometry, the same the views draw; {@code tolerance} is in canvas units.
 */
public final class HitTest {

    /** A port of a node. */
    public record PortHit(NodeItem node, PortItem port) {
        public double x() {
            return node.x() + port.dx();
        }

        public double y() {
            return node.y() + port.dy();
        }
    }

    private HitTest() {
    }

    /** The nearest port within {@code tolerance}; inputs only, outputs only, or both when null. */
    public static PortHit port(LevelView level, double x, double y, double tolerance, Boolean inputs) {
        PortHit best = null;
        double bestD = tolerance;
        for (NodeItem n : level.nodes()) {
            if (!n.placed() || x < n.x() - tolerance || x > n.x() + n.width() + tolerance
                    || y < n.y() - tolerance || y > n.y() + n.height() + tolerance) {
                continue;
            }
            if (inputs == null || inputs) {
                for (PortItem p : n.inputs()) {
                    double d = Math.hypot(n.x() + p.dx() - x, n.y() + p.dy() - y);
                    if (d <= bestD) {
                        bestD = d;
                        best = new PortHit(n, p);
                    }
                }
            }
            if (inputs == null || !inputs) {
                for (PortItem p : n.outputs()) {
                    double d = Math.hypot(n.x() + p.dx() - x, n.y() + p.dy() - y);
                    if (d <= bestD) {
                        bestD = d;
                        best = new PortHit(n, p);
                    }
                }
            }
        }
        return best;
    }

    /** The topmost node containing the point, or null. */
    public static NodeItem node(LevelView level, double x, double y) {
        for (int i = level.nodes().size() - 1; i >= 0; i--) {
            NodeItem n = level.nodes().get(i);
            if (n.contains(x, y)) {
                return n;
            }
        }
        return null;
    }

    /** The wire passing within {@code tolerance} of the point, or null. */
    public static WireItem wire(LevelView level, double x, double y, double tolerance) {
        java.util.Map<String, NodeItem> byId = level.byId();
        WireItem best = null;
        double bestD = tolerance;
        for (WireItem w : level.wires()) {
            double[] e = ends(byId, w);
            double reach = w.loop() ? 300 : 100;
            if (e == null || x < Math.min(e[0], e[2]) - reach || x > Math.max(e[0], e[2]) + reach
                    || y < Math.min(e[1], e[3]) - 100 || y > Math.max(e[1], e[3]) + 100) {
                continue;
            }
            double d = WireGeometry.distance(e[0], e[1], e[2], e[3], x, y, w.loop());
            if (d <= bestD) {
                bestD = d;
                best = w;
            }
        }
        return best;
    }

    /** The end points {x1, y1, x2, y2} of a wire, or null when an end is not placed. */
    public static double[] ends(java.util.Map<String, NodeItem> byId, WireItem w) {
        NodeItem a = byId.get(w.fromId());
        NodeItem b = byId.get(w.toId());
        if (a == null || b == null || !a.placed() || !b.placed()) {
            return null;
        }
        PortItem pa = a.output(w.fromPort());
        PortItem pb = b.input(w.toPort());
        if (pa == null || pb == null) {
            return null;
        }
        return new double[] {a.x() + pa.dx(), a.y() + pa.dy(), b.x() + pb.dx(), b.y() + pb.dy()};
    }
}
