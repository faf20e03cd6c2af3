package org.netstudio.canvas.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;

/**
 * The node views of one level, by node id, updated incrementally and made lazily: a full
 * {@link NodeView} exists only once its node has come near the visible part of the canvas, and at
 * small zoom every node is drawn as one plain rectangle instead (its texts would be unreadable).
 * This keeps opening and panning a 1,000-node level cheap.
 */
public final class NodeLayer extends Group {

    /** How far beyond the visible area (as a fraction of its size) views are made in advance. */
    private static final double AHEAD = 0.5;

    private final Group full = new Group();
    private final Group lod = new Group();
    private Map<String, NodeItem> items = Map.of();
    private final Map<String, NodeView> views = new HashMap<>();
    private final Map<String, Rectangle> rects = new HashMap<>();
    private double[] viewport;
    private boolean details = true;
    private Collection<String> selection = Set.of();

    public NodeLayer() {
        getStyleClass().add("node-layer");
        full.setAutoSizeChildren(true);
        lod.setVisible(false);
        getChildren().addAll(lod, full);
    }

    public void update(LevelView level, Collection<String> selected) {
        items = level.byId();
        selection = selected;
        views.entrySet().removeIf(e -> {
            NodeItem item = items.get(e.getKey());
            if (item == null) {
                full.getChildren().remove(e.getValue());
                return true;
            }
            if (!item.equals(e.getValue().item())) {
                e.getValue().update(item);
            }
            e.getValue().setTranslateX(0);
            e.getValue().setTranslateY(0);
            return false;
        });
        rects.entrySet().removeIf(e -> {
            NodeItem item = items.get(e.getKey());
            if (item == null) {
                lod.getChildren().remove(e.getValue());
                return true;
            }
            place(e.getValue(), item);
            return false;
        });
        refresh();
        showSelection(selected);
    }

    public void clear() {
        views.clear();
        rects.clear();
        full.getChildren().clear();
        lod.getChildren().clear();
        items = Map.of();
    }

    /** The visible canvas area {minX, minY, maxX, maxY}; views near it are made. */
    public void setViewport(double minX, double minY, double maxX, double maxY) {
        double w = maxX - minX;
        double h = maxY - minY;
        viewport = new double[] {minX - w * AHEAD, minY - h * AHEAD, maxX + w * AHEAD, maxY + h * AHEAD};
        refresh();
    }

    private boolean near(NodeItem n) {
        return viewport == null || (n.x() < viewport[2] && n.x() + n.width() > viewport[0]
                && n.y() < viewport[3] && n.y() + n.height() > viewport[1]);
    }

    private void refresh() {
        List<Node> added = new ArrayList<>();
        if (details) {
            for (NodeItem n : items.values()) {
                if (n.placed() && !views.containsKey(n.id()) && near(n)) {
                    NodeView v = new NodeView(n);
                    v.setSelected(selection.contains(n.id()));
                    views.put(n.id(), v);
                    added.add(v);
                }
            }
            full.getChildren().addAll(added);
        } else {
            for (NodeItem n : items.values()) {
                if (n.placed() && !rects.containsKey(n.id())) {
                    Rectangle r = new Rectangle();
                    r.getStyleClass().addAll("lod-node", n.category());
                    r.setArcWidth(10);
                    r.setArcHeight(10);
                    place(r, n);
                    rects.put(n.id(), r);
                    added.add(r);
                }
            }
            lod.getChildren().addAll(added);
        }
    }

    private static void place(Rectangle r, NodeItem n) {
        r.setX(n.x());
        r.setY(n.y());
        r.setWidth(n.width());
        r.setHeight(n.height());
        r.setTranslateX(0);
        r.setTranslateY(0);
        r.setVisible(n.placed());
        r.pseudoClassStateChanged(NodeView.PROBLEM, n.hasProblems());
    }

    public void showSelection(Collection<String> selected) {
        views.forEach((id, v) -> v.setSelected(selected.contains(id)));
        rects.forEach((id, r) -> r.pseudoClassStateChanged(NodeView.SELECTED, selected.contains(id)));
    }

    /** The view of a node, or null when it has not been made (far from view, or zoomed out). */
    public NodeView view(String id) {
        return views.get(id);
    }

    public Map<String, NodeView> views() {
        return views;
    }

    /** Shows the ids moved by (dx, dy) while a drag is in progress, without touching the document. */
    public void preview(Collection<String> ids, double dx, double dy) {
        for (String id : ids) {
            Node v = details ? views.get(id) : rects.get(id);
            if (v != null) {
                v.setTranslateX(dx);
                v.setTranslateY(dy);
            }
        }
    }

    /** Full views when true, plain rectangles when false (small zoom). */
    public void setDetailsVisible(boolean visible) {
        if (visible != details) {
            details = visible;
            full.setVisible(visible);
            lod.setVisible(!visible);
            refresh();
        }
    }

    public boolean detailsVisible() {
        return details;
    }
}
