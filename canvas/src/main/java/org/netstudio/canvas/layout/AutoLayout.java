package org.netstudio.canvas.layout;

import com.mxgraph.layout.hierarchical.mxHierarchicalLayout;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.view.mxGraph;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.SwingConstants;
import org.netstudio.netgraph.net.Layout;

/**
 * Hierarchical (layered, Sugiyama-style) layout of one graph level with JGraphX's
 * {@code mxHierarchicalLayout}, flowing top to bottom; a level of more than {@link #LARGE} nodes
 * gets the simpler {@link LargeGraphLayout}. Pure computation on plain data: runs on any
 * thread, touches no JavaFX and needs no display.
 */
public final class AutoLayout {

    /** A node to place, with its size in canvas units. */
    public record Box(String id, double width, double height) {
    }

    /** A wire between two boxes. */
    public record Link(String from, String to) {
    }

    /** Vertical gap between ranks, in canvas units. */
    public static final double RANK_SPACING = 44;
    /** Horizontal gap between nodes of one rank. */
    public static final double NODE_SPACING = 40;
    /** Where the top-left of the laid-out picture goes. */
    public static final double MARGIN = 40;

    private AutoLayout() {
    }

    /**
     * Levels larger than this are laid out by {@link LargeGraphLayout}: JGraphX's layout grows much
     * faster than the graph (0.2 s for 1,000 nodes; on 10,000 it recursed out of stack).
     */
    public static final int LARGE = 2_500;

    /** Top-left positions by id; the picture starts at ({@link #MARGIN}, {@link #MARGIN}). */
    public static Map<String, Layout.Position> compute(List<Box> boxes, List<Link> links) {
        if (boxes.size() > LARGE) {
            return LargeGraphLayout.compute(boxes, links);
        }
        mxGraph graph = new mxGraph();
        Object parent = graph.getDefaultParent();
        Map<String, Object> cells = new HashMap<>();
        graph.getModel().beginUpdate();
        try {
            for (Box b : boxes) {
                cells.put(b.id(), graph.insertVertex(parent, b.id(), null, 0, 0, b.width(), b.height()));
            }
            for (Link l : links) {
                Object a = cells.get(l.from());
                Object z = cells.get(l.to());
                if (a != null && z != null && a != z) {
                    graph.insertEdge(parent, null, null, a, z);
                }
            }
        } finally {
            graph.getModel().endUpdate();
        }
        mxHierarchicalLayout layout = new mxHierarchicalLayout(graph, SwingConstants.NORTH);
        layout.setInterRankCellSpacing(RANK_SPACING);
        layout.setIntraCellSpacing(NODE_SPACING);
        layout.setFineTuning(true);
        layout.setDisableEdgeStyle(false);
        graph.getModel().beginUpdate();
        try {
            layout.execute(parent);
        } finally {
            graph.getModel().endUpdate();
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (Object c : cells.values()) {
            mxGeometry g = graph.getCellGeometry(c);
            minX = Math.min(minX, g.getX());
            minY = Math.min(minY, g.getY());
        }
        Map<String, Layout.Position> out = new LinkedHashMap<>();
        for (Box b : boxes) {
            mxGeometry g = graph.getCellGeometry(cells.get(b.id()));
            out.put(b.id(), new Layout.Position(Math.round(g.getX() - minX + MARGIN), Math.round(g.getY() - minY + MARGIN)));
        }
        return out;
    }
}
