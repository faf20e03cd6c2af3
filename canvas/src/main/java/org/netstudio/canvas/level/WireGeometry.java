package org.netstudio.canvas.level;

/**
 * The curve of a wire from an output port (bottom edge) down to an input port (top edge): a cubic
 * Bézier leaving and arriving vertically. A loop, from a node's output back into one of its own
 * inputs (the state a Fold feeds back into its net), goes round the node's side instead. Shared by
 * the views, hit-testing and SVG export.
 */
public final class WireGeometry {

    /** How far a loop reaches sideways beyond its ends: enough to clear half a node. */
    private static final double LOOP_REACH = 150;

    private WireGeometry() {
    }

    /** Control points {c1x, c1y, c2x, c2y} of the wire from (x1, y1) to (x2, y2). */
    public static double[] controls(double x1, double y1, double x2, double y2) {
        return controls(x1, y1, x2, y2, false);
    }

    /** Control points of a wire, or of a loop back into its own node when {@code loop}. */
    public static double[] controls(double x1, double y1, double x2, double y2, boolean loop) {
        if (loop) {
            double side = x2 >= x1 ? 1 : -1;
            double out = LOOP_REACH + Math.abs(x2 - x1);
            return new double[] {x1 + side * out, y1 + 70, x2 + side * out, y2 - 70};
        }
        double dy = Math.max(36, Math.abs(y2 - y1) * 0.5);
        if (y2 < y1 + 20) {
            dy = Math.max(dy, 80);
        }
        return new double[] {x1, y1 + dy, x2, y2 - dy};
    }

    /** The point at t ∈ [0, 1]. */
    public static double[] at(double x1, double y1, double x2, double y2, double t) {
        return at(x1, y1, x2, y2, t, false);
    }

    private static double[] at(double x1, double y1, double x2, double y2, double t, boolean loop) {
        double[] c = controls(x1, y1, x2, y2, loop);
        double u = 1 - t;
        double x = u * u * u * x1 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t * t * t * x2;
        double y = u * u * u * y1 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t * t * t * y2;
        return new double[] {x, y};
    }

    /** Approximate distance from (px, py) to the wire. */
    public static double distance(double x1, double y1, double x2, double y2, double px, double py) {
        return distance(x1, y1, x2, y2, px, py, false);
    }

    /** Approximate distance from (px, py) to the wire, or to the loop when {@code loop}. */
    public static double distance(double x1, double y1, double x2, double y2, double px, double py, boolean loop) {
        double best = Double.MAX_VALUE;
        double[] prev = {x1, y1};
        for (int i = 1; i <= 24; i++) {
            double[] p = at(x1, y1, x2, y2, i / 24.0, loop);
            best = Math.min(best, segment(prev[0], prev[1], p[0], p[1], px, py));
            prev = p;
        }
        return best;
    }

    private static double segment(double ax, double ay, double bx, double by, double px, double py) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
        double cx = ax + t * dx - px;
        double cy = ay + t * dy - py;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** An SVG path "M x1 y1 C …". */
    public static String svgPath(double x1, double y1, double x2, double y2) {
        return svgPath(x1, y1, x2, y2, false);
    }

    /** An SVG path "M x1 y1 C …" of a wire, or of a loop when {@code loop}. */
    public static String svgPath(double x1, double y1, double x2, double y2, boolean loop) {
        double[] c = controls(x1, y1, x2, y2, loop);
        return String.format(java.util.Locale.ROOT, "M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f",
                x1, y1, c[0], c[1], c[2], c[3], x2, y2);
    }
}
