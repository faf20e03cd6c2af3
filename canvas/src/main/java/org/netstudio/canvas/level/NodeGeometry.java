package org.netstudio.canvas.level;

/**
 * Sizes of canvas nodes and where their ports sit, in canvas units. Pure numbers, so that layout,
 * hit-testing and SVG export agree with what the views draw. Wires run top to bottom: inputs on
 * the top edge, outputs on the bottom edge.
 */
public final class NodeGeometry {

    public static final double LAYER_WIDTH = 200;
    public static final double LAYER_HEIGHT = 56;
    /** Extra height of a node with several inputs, for the port names under its top edge. */
    public static final double PORT_LABEL_BAND = 14;
    public static final double PORT_NODE_WIDTH = 152;
    public static final double PORT_NODE_HEIGHT = 40;
    /**
     * Extra width of every node while previews are shown: the picture and a margin. The same for
     * layers and graph ports, so that centres (and the wires between them) move alike.
     */
    public static final double PREVIEW_ROOM = 72;
    public static final double PORT_RADIUS = 5;
    /** How close (canvas units) the pointer must be to a port to hit it. */
    public static final double PORT_HIT = 11;
    public static final double GRID = 16;

    private NodeGeometry() {
    }

    public static double width(NodeItem.Kind kind) {
        return kind == NodeItem.Kind.INPUT || kind == NodeItem.Kind.OUTPUT ? PORT_NODE_WIDTH : LAYER_WIDTH;
    }

    public static double height(NodeItem.Kind kind, int inputs) {
        if (kind == NodeItem.Kind.INPUT || kind == NodeItem.Kind.OUTPUT) {
            return PORT_NODE_HEIGHT;
        }
        return inputs > 1 ? LAYER_HEIGHT + PORT_LABEL_BAND : LAYER_HEIGHT;
    }

    /** The widest a layer node grows to fit its texts. */
    public static final double MAX_LAYER_WIDTH = 320;

    /**
     * The width of a layer or container node that fits its two rows of text (estimated from
     * character counts, so that layout needs no fonts): at least {@link #LAYER_WIDTH}, in steps of 8.
     */
    public static double layerWidth(String title, String detail, String name, String shape, String params) {
        double row1 = 16 + title.length() * 7.9 + (detail.isEmpty() ? 0 : 6 + detail.length() * 7.1)
                + (name.isEmpty() ? 0 : 10 + name.length() * 6.3) + 12;
        double row2 = 16 + shape.length() * 7.0 + (params.isEmpty() ? 0 : 12 + params.length() * 6.3) + 12;
        double w = Math.ceil(Math.max(row1, row2) / 8) * 8;
        return Math.max(LAYER_WIDTH, Math.min(MAX_LAYER_WIDTH, w));
    }

    /** The x offset of port {@code i} of {@code n} along an edge of the given width. */
    public static double portX(double width, int i, int n) {
        return Math.round(width * (i + 1) / (n + 1));
    }

    /** The y offset where the text of a node starts (below port labels, if any). */
    public static double textTop(NodeItem item) {
        return item.inputs().size() > 1 ? PORT_LABEL_BAND : 0;
    }

    public static double snap(double v) {
        return Math.round(v / GRID) * GRID;
    }
}
