package org.netstudio.canvas.wiring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.node.KeyedViews;

/**
 * The wires of one level, kept by key, updated incrementally and virtualised as the nodes are (see
 * {@link org.netstudio.canvas.node.NodeLayer}): only wires passing in or around the visible area
 * have a view. Zoomed out, wires are drawn straight ({@link #setSimple}). Previews moves.
 */
public final class WireLayer extends Group {

    private static final double AHEAD = 0.5;
    private static final int SPARE = 512;

    private final Map<String, WireView> views = new LinkedHashMap<>();
    private final Map<String, List<WireView>> byNode = new HashMap<>();
    private final Deque<WireView> spare = new ArrayDeque<>();
    private LevelView level = LevelView.EMPTY;
    private Map<String, NodeItem> nodes = Map.of();
    private double[] viewport;
    private double[] covered;
    private boolean simple;
    private String selected;

    public WireLayer() {
        getStyleClass().add("wire-layer");
    }

    /** Shows the level's wires: those near the visible area get a view (see {@link #setViewport}). */
    public void update(LevelView next) {
        level = next;
        nodes = next.byId();
        Map<String, WireItem> byKey = new HashMap<>(next.wires().size() * 2);
        next.wires().forEach(w -> byKey.put(w.key(), w));
        release(KeyedViews.drop(views, e -> {
            WireItem w = byKey.get(e.getKey());
            if (w == null) {
                return true;
            }
            e.getValue().setItem(w);
            place(e.getValue(), w, null, 0, 0);
            return false;
        }));
        covered = null;
        refresh();
    }

    /** The visible canvas area {minX, minY, maxX, maxY}; wires in and around it get views, others are dropped. */
    public void setViewport(double minX, double minY, double maxX, double maxY) {
        viewport = new double[] {minX, minY, maxX, maxY};
        double w = maxX - minX;
        double h = maxY - minY;
        if (covered == null || minX < covered[0] || minY < covered[1] || maxX > covered[2] || maxY > covered[3]
                || (covered[2] - covered[0]) * (covered[3] - covered[1]) > 16 * (2 * w) * (2 * h)) {
            covered = null;
            refresh();
        }
    }

    private void refresh() {
        if (viewport == null) {
            return;
        }
        double w = viewport[2] - viewport[0];
        double h = viewport[3] - viewport[1];
        covered = new double[] {viewport[0] - w * AHEAD, viewport[1] - h * AHEAD, viewport[2] + w * AHEAD,
            viewport[3] + h * AHEAD};
        List<WireItem> near = level.grid().wiresIn(covered[0], covered[1], covered[2], covered[3]);
        Set<String> keep = new HashSet<>(near.size() * 2);
        near.forEach(x -> keep.add(x.key()));
        release(KeyedViews.drop(views, e -> !keep.contains(e.getKey())));
        List<WireView> made = new ArrayList<>();
        for (WireItem item : near) {
            if (!views.containsKey(item.key())) {
                WireView v = spare.poll();
                if (v == null) {
                    v = new WireView();
                }
                v.setSimple(simple);
                v.setItem(item);
                v.pseudoClassStateChanged(WireView.SELECTED, item.key().equals(selected));
                v.pseudoClassStateChanged(WireView.TARGET, false);
                place(v, item, null, 0, 0);
                views.put(item.key(), v);
                made.add(v);
            }
        }
        getChildren().addAll(made);
        byNode.clear();
        views.values().forEach(v -> index(v, v.item()));
    }

    private void index(WireView v, WireItem w) {
        byNode.computeIfAbsent(w.fromId(), k -> new ArrayList<>()).add(v);
        byNode.computeIfAbsent(w.toId(), k -> new ArrayList<>()).add(v);
    }

    /** Takes views out of the scene in one change, keeping some for reuse. */
    private void release(Collection<WireView> gone) {
        if (gone.isEmpty()) {
            return;
        }
        Set<WireView> out = new HashSet<>(gone);
        getChildren().removeAll(out);
        for (WireView v : out) {
            if (spare.size() < SPARE) {
                spare.push(v);
            }
        }
    }

    public void clear() {
        release(views.values());
        views.clear();
        byNode.clear();
        level = LevelView.EMPTY;
        nodes = Map.of();
        covered = null;
    }

    /** Straight wires when true (zoomed out: cheaper, and curves cannot be told apart), curves when false. */
    public void setSimple(boolean straight) {
        if (straight != simple) {
            simple = straight;
            views.values().forEach(v -> {
                v.setSimple(straight);
                place(v, v.item(), null, 0, 0);
            });
        }
    }

    /** Marks the selected wire (null for none), also on views made later. */
    public void showSelected(WireItem wire) {
        selected = wire == null ? null : wire.key();
        views.forEach((k, v) -> v.pseudoClassStateChanged(WireView.SELECTED, k.equals(selected)));
    }

    private void place(WireView v, WireItem w, Collection<String> moving, double dx, double dy) {
        NodeItem a = nodes.get(w.fromId());
        NodeItem b = nodes.get(w.toId());
        PortItem pa = a == null ? null : a.output(w.fromPort());
        PortItem pb = b == null ? null : b.input(w.toPort());
        if (pa == null || pb == null || !a.placed() || !b.placed()) {
            v.setVisible(false);
            return;
        }
        v.setVisible(true);
        double ax = moving != null && moving.contains(a.id()) ? dx : 0;
        double ay = moving != null && moving.contains(a.id()) ? dy : 0;
        double bx = moving != null && moving.contains(b.id()) ? dx : 0;
        double by = moving != null && moving.contains(b.id()) ? dy : 0;
        v.setEnds(a.x() + pa.dx() + ax, a.y() + pa.dy() + ay, b.x() + pb.dx() + bx, b.y() + pb.dy() + by);
    }

    /** Re-routes the wires touching the moving ids as if they were moved by (dx, dy). */
    public void preview(Collection<String> moving, double dx, double dy) {
        Set<WireView> touched = new HashSet<>();
        for (String id : moving) {
            touched.addAll(byNode.getOrDefault(id, List.of()));
        }
        for (WireView v : touched) {
            place(v, v.item(), moving, dx, dy);
        }
    }

    /** The view of a wire, or null when it has none (far from view). */
    public WireView view(String key) {
        return views.get(key);
    }

    /** The wire views that exist now: those in and around the visible area. */
    public Collection<WireView> views() {
        return views.values();
    }

    public LevelView level() {
        return level;
    }
}
