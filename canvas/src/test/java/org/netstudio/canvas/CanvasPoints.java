package org.netstudio.canvas;

import javafx.geometry.Point2D;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;

/**
 * Where a node and its ports are on the screen, for tests that click and drag on a canvas (this
 * module's and, through canvas's test-jar, the window's). Call on the FX thread.
 */
public final class CanvasPoints {

    private CanvasPoints() {
    }

    /** The screen point of canvas point (wx, wy). */
    public static Point2D screen(NetCanvas canvas, double wx, double wy) {
        double[] l = canvas.toLocal(wx, wy);
        return canvas.localToScreen(l[0], l[1]);
    }

    /** The middle of the node. */
    public static Point2D center(NetCanvas canvas, NodeItem n) {
        return screen(canvas, n.centerX(), n.centerY());
    }

    /** The node's output port. */
    public static Point2D outputPort(NetCanvas canvas, NodeItem n, String port) {
        return port(canvas, n, n.output(port));
    }

    /** The node's input port. */
    public static Point2D inputPort(NetCanvas canvas, NodeItem n, String port) {
        return port(canvas, n, n.input(port));
    }

    private static Point2D port(NetCanvas canvas, NodeItem n, PortItem p) {
        return screen(canvas, n.x() + p.dx(), n.y() + p.dy());
    }
}
