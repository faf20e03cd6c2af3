package org.netstudio.canvas.wiring;

import java.util.ArrayList;
import java.util.Collection;
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

/** The wires of one level, kept by key and updated incrementally, with a move preview. */
public final class WireLayer extends Group {

    private final Map<String, WireView> views = new LinkedHashMap<>();
    private final Map<String, List<WireView>> byNode = new HashMap<>();
    private LevelView level = LevelView.EMPTY;
    private Map<String, NodeItem> nodes = Map.of();
    private final Map<String, WireItem> pending = new LinkedHashMap<>();
    private double[] viewport;

    public WireLayer() {
        getStyleClass().add("wire-layer");
    }

    /**
     * Shows the level's wires. A wire's view is made only once it comes near the visible area (see
     * {@link #setViewport}), so a 1,000-node level opens fast.
     */
    public void update(LevelView next) {
        level = next;
        nodes = next.byId();
        Set<String> seen = new HashSet<>();
        byNode.clear();
        pending.clear();
        for (WireItem w : next.wires()) {
            String key = w.key();
            seen.add(key);
            WireView v = views.get(key);
            if (v == null) {
                pending.put(key, w);
                continue;
            }
            v.setItem(w);
            place(v, w, null, 0, 0);
            index(v, w);
        }
        views.entrySet().removeIf(e -> {
            if (!seen.contains(e.getKey())) {
                getChildren().remove(e.getValue());
                return true;
            }
            return false;
        });
        materialize();
    }

    private void index(WireView v, WireItem w) {
        byNode.computeIfAbsent(w.fromId(), k -> new ArrayList<>()).add(v);
        byNode.computeIfAbsent(w.toId(), k -> new ArrayList<>()).add(v);
    }

    /** The visible canvas area {minX, minY, maxX, maxY} grown by half its size; wires near it are made. */
    public void setViewport(double minX, double minY, double maxX, double maxY) {
        double w = maxX - minX;
        double h = maxY - minY;
        viewport = new double[] {minX - w / 2, minY - h / 2, maxX + w / 2, maxY + h / 2};
        materialize();
    }

    private void materialize() {
        List<WireView> made = new ArrayList<>();
        pending.values().removeIf(w -> {
            double[] e = org.netstudio.canvas.level.HitTest.ends(nodes, w);
            if (e == null || (viewport != null && (Math.max(e[0], e[2]) < viewport[0] || Math.min(e[0], e[2]) > viewport[2]
                    || Math.max(e[1], e[3]) < viewport[1] || Math.min(e[1], e[3]) > viewport[3]))) {
                return false;
            }
            WireView v = new WireView();
            v.setItem(w);
            place(v, w, null, 0, 0);
            views.put(w.key(), v);
            index(v, w);
            made.add(v);
            return true;
        });
        getChildren().addAll(made);
    }

    public void clear() {
        pending.clear();
        views.clear();
        byNode.clear();
        getChildren().clear();
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

    public WireView view(String key) {
        return views.get(key);
    }

    public Collection<WireView> views() {
        return views.values();
    }

    public LevelView level() {
        return level;
    }
}
