package org.netstudio.canvas;

import javafx.geometry.Point2D;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;

/**
 * Where a canvas shows things on the screen, for tests that click and drag as a person would: a
 * point of the drawing, a node's centre, a port. Call on the FX thread. The canvas's own tests and
 * the window's tests (through this module's test jar) both aim with it.
 */
public final class CanvasPoints {

    private CanvasPoints() {
    }

    /** The screen point of drawing coordinates (wx, wy) at the canvas's current zoom and pan. */
    public static Point2D screen(NetCanvas canvas, double wx, double wy) {
        double[] l = canvas.toLocal(wx, wy);
        return canvas.localToScreen(l[0], l[1]);
    }

    /** The centre of node {@code id}. */
    public static Point2D center(NetCanvas canvas, String id) {
        NodeItem n = canvas.getModel().getLevel().node(id);
        return screen(canvas, n.centerX(), n.centerY());
    }

    /** Output port {@code port} of node {@code id}. */
    public static Point2D outputPort(NetCanvas canvas, String id, String port) {
        NodeItem n = canvas.getModel().getLevel().node(id);
        return at(canvas, n, n.output(port));
    }

    /** Input port {@code port} of node {@code id}. */
    public static Point2D inputPort(NetCanvas canvas, String id, String port) {
        NodeItem n = canvas.getModel().getLevel().node(id);
        return at(canvas, n, n.input(port));
    }

    private static Point2D at(NetCanvas canvas, NodeItem n, PortItem p) {
        return screen(canvas, n.x() + p.dx(), n.y() + p.dy());
    }
}
