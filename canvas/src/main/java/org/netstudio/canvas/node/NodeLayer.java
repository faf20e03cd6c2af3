package org.netstudio.canvas.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.preview.Previews;

/**
 * The node views of one level, by node id, updated incrementally and virtualised: views exist only
 * for the nodes in and around the visible part of the canvas (found through the level's
 * {@link org.netstudio.canvas.level.LevelGrid}); a node that leaves that area gives its view back for the
 * next one to come in. At small zoom each node is one plain rectangle instead (its texts would be
 * unreadable). So a 10,000-node level costs what its visible part costs, and most frames of a pan
 * change nothing here: views are made for half a screen beyond each edge, and only a pan past that
 * margin (or a large zoom-in) makes and drops views.
 */
public final class NodeLayer extends Group {

    /** How far beyond the visible area (as a fraction of its size) views are made in advance. */
    private static final double AHEAD = 0.5;
    /** Views given back and kept for reuse, at most. */
    private static final int SPARE = 256;

    private final Group full = new Group();
    private final Group lod = new Group();
    private LevelView level = LevelView.EMPTY;
    private final Map<String, NodeView> views = new HashMap<>();
    private final Map<String, Rectangle> rects = new HashMap<>();
    private final Deque<NodeView> spareViews = new ArrayDeque<>();
    private final Deque<Rectangle> spareRects = new ArrayDeque<>();
    /** The visible area {minX, minY, maxX, maxY}, or null before the canvas has a size. */
    private double[] viewport;
    /** The area views are made for; null when they must be found again. */
    private double[] covered;
    private boolean details = true;
    private Collection<String> selection = Set.of();
    private Previews previews = Previews.NONE;
    private Map<org.netstudio.netgraph.net.NodePath, String> health = Map.of();
    private org.netstudio.netgraph.net.LearningRateMultipliers multipliers =
            org.netstudio.netgraph.net.LearningRateMultipliers.NONE;

    public NodeLayer() {
        getStyleClass().add("node-layer");
        full.setAutoSizeChildren(true);
        lod.setVisible(false);
        getChildren().addAll(lod, full);
    }

    public void update(LevelView next, Collection<String> selected) {
        level = next;
        selection = selected;
        release(KeyedViews.drop(views, e -> {
            NodeItem item = next.node(e.getKey());
            if (item == null || !item.placed()) {
                return true;
            }
            if (!item.equals(e.getValue().item())) {
                e.getValue().update(item);
            }
            showPicture(e.getValue());
            e.getValue().setTranslateX(0);
            e.getValue().setTranslateY(0);
            return false;
        }));
        release(KeyedViews.drop(rects, e -> {
            NodeItem item = next.node(e.getKey());
            if (item == null || !item.placed()) {
                return true;
            }
            place(e.getValue(), item);
            return false;
        }));
        covered = null;
        refresh();
        showSelection(selected);
    }

    public void clear() {
        release(views.values());
        release(rects.values());
        views.clear();
        rects.clear();
        level = LevelView.EMPTY;
        covered = null;
    }

    /** The visible canvas area {minX, minY, maxX, maxY}; views in and around it are made, others dropped. */
    public void setViewport(double minX, double minY, double maxX, double maxY) {
        viewport = new double[] {minX, minY, maxX, maxY};
        if (covered == null || !inside(viewport, covered) || area(covered) > 16 * area(grown(viewport))) {
            covered = null;
            refresh();
        }
    }

    private static double[] grown(double[] v) {
        double w = v[2] - v[0];
        double h = v[3] - v[1];
        return new double[] {v[0] - w * AHEAD, v[1] - h * AHEAD, v[2] + w * AHEAD, v[3] + h * AHEAD};
    }

    private static boolean inside(double[] a, double[] b) {
        return a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
    }

    private static double area(double[] a) {
        return Math.max(0, a[2] - a[0]) * Math.max(0, a[3] - a[1]);
    }

    /** Makes views for the nodes around the viewport and gives back those of nodes now far from it. */
    private void refresh() {
        if (viewport == null) {
            return;
        }
        covered = grown(viewport);
        List<NodeItem> near = level.grid().nodesIn(covered[0], covered[1], covered[2], covered[3]);
        Set<String> keep = new HashSet<>(near.size() * 2);
        near.forEach(n -> keep.add(n.id()));
        List<Node> added = new ArrayList<>();
        if (details) {
            release(KeyedViews.drop(views, e -> !keep.contains(e.getKey())));
            for (NodeItem n : near) {
                if (!views.containsKey(n.id())) {
                    NodeView v = spareViews.poll();
                    if (v == null) {
                        v = new NodeView(n);
                    } else {
                        v.update(n);
                        v.setTranslateX(0);
                        v.setTranslateY(0);
                    }
                    v.setSelected(selection.contains(n.id()));
                    views.put(n.id(), v);
                    showPicture(v);
                    added.add(v);
                }
            }
            full.getChildren().addAll(added);
        } else {
            release(KeyedViews.drop(rects, e -> !keep.contains(e.getKey())));
            for (NodeItem n : near) {
                if (!rects.containsKey(n.id())) {
                    Rectangle r = spareRects.poll();
                    if (r == null) {
                        r = new Rectangle();
                        r.setArcWidth(10);
                        r.setArcHeight(10);
                    }
                    r.getStyleClass().setAll("lod-node", n.category());
                    r.pseudoClassStateChanged(NodeView.SELECTED, selection.contains(n.id()));
                    place(r, n);
                    rects.put(n.id(), r);
                    added.add(r);
                }
            }
            lod.getChildren().addAll(added);
        }
    }

    /** Takes views out of the scene in one change, keeping some for reuse. */
    private void release(Collection<? extends Node> gone) {
        if (gone.isEmpty()) {
            return;
        }
        Set<Node> out = new HashSet<>(gone);
        full.getChildren().removeAll(out);
        lod.getChildren().removeAll(out);
        for (Node n : out) {
            if (n instanceof NodeView v && spareViews.size() < SPARE) {
                spareViews.push(v);
            } else if (n instanceof Rectangle r && spareRects.size() < SPARE) {
                spareRects.push(r);
            }
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

    /** Shows on each node what flows out of it for one example; {@link Previews#NONE} hides the previews. */
    public void setPreviews(Previews next) {
        previews = next == null ? Previews.NONE : next;
        views.values().forEach(this::showPicture);
    }

    /** Shows on each measured node how it did at the last measurement of a training. */
    public void setHealth(Map<org.netstudio.netgraph.net.NodePath, String> next) {
        health = next == null ? Map.of() : next;
        views.values().forEach(this::showPicture);
    }

    /** Shows each node's learning-rate multiplier (a frozen node iced over). */
    public void setMultipliers(org.netstudio.netgraph.net.LearningRateMultipliers next) {
        multipliers = next == null ? org.netstudio.netgraph.net.LearningRateMultipliers.NONE : next;
        views.values().forEach(this::showPicture);
    }

    private void showPicture(NodeView view) {
        NodeItem item = view.item();
        view.setMultiplier(item.isGraphPort() ? 1 : multipliers.factorOf(level.path().child(item.id())));
        view.setPicture(previews.at(level.path(), item.id(), item.kind() == NodeItem.Kind.INPUT).orElse(null));
        view.setHealth(item.isGraphPort() ? null : health.get(level.path().child(item.id())));
    }

    public void showSelection(Collection<String> selected) {
        selection = selected;
        views.forEach((id, v) -> v.setSelected(selected.contains(id)));
        rects.forEach((id, r) -> r.pseudoClassStateChanged(NodeView.SELECTED, selected.contains(id)));
    }

    /** The view of a node, or null when it has none (far from view, or zoomed out). */
    public NodeView view(String id) {
        return views.get(id);
    }

    /** The node views that exist now: those in and around the visible area. */
    public Map<String, NodeView> views() {
        return views;
    }

    /** How many nodes are drawn now, as full views or as rectangles. */
    public int drawn() {
        return details ? views.size() : rects.size();
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

    /** Full views when true, plain rectangles when false (small zoom); the other kind is given back. */
    public void setDetailsVisible(boolean visible) {
        if (switchDetails(visible)) {
            refresh();
        }
    }

    /** The visible area and how to draw it (see {@link #setViewport}, {@link #setDetailsVisible}), in one step. */
    public void show(double minX, double minY, double maxX, double maxY, boolean detailed) {
        switchDetails(detailed);
        setViewport(minX, minY, maxX, maxY);
    }

    /** Returns whether the kind of view changed (then views must be found again). */
    private boolean switchDetails(boolean visible) {
        if (visible == details) {
            return false;
        }
        details = visible;
        full.setVisible(visible);
        lod.setVisible(!visible);
        if (visible) {
            release(rects.values());
            rects.clear();
        } else {
            release(views.values());
            views.clear();
        }
        covered = null;
        return true;
    }

    public boolean detailsVisible() {
        return details;
    }
}
