package org.netstudio.canvas.node;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import org.netstudio.canvas.LevelView;
import org.netstudio.canvas.NodeItem;

/**
 * The node views of one level, kept by node id and updated incrementally: a view is made for a new
 * id, updated when its item changed, and dropped when its id is gone.
 */
public final class NodeLayer extends Group {

    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private boolean details = true;

    public NodeLayer() {
        getStyleClass().add("node-layer");
        setAutoSizeChildren(true);
    }

    public void update(LevelView level, Collection<String> selection) {
        Set<String> seen = new HashSet<>();
        for (NodeItem item : level.nodes()) {
            seen.add(item.id());
            NodeView v = views.get(item.id());
            if (v == null) {
                v = new NodeView(item);
                v.setDetailsVisible(details);
                views.put(item.id(), v);
                getChildren().add(v);
            } else if (!item.equals(v.item())) {
                v.update(item);
            }
            v.setTranslateX(0);
            v.setTranslateY(0);
        }
        if (seen.size() != views.size()) {
            views.entrySet().removeIf(e -> {
                if (!seen.contains(e.getKey())) {
                    getChildren().remove(e.getValue());
                    return true;
                }
                return false;
            });
        }
        showSelection(selection);
    }

    public void clear() {
        views.clear();
        getChildren().clear();
    }

    public void showSelection(Collection<String> selection) {
        views.forEach((id, v) -> v.setSelected(selection.contains(id)));
    }

    public NodeView view(String id) {
        return views.get(id);
    }

    public Map<String, NodeView> views() {
        return views;
    }

    /** Shows the ids moved by (dx, dy) while a drag is in progress, without touching the document. */
    public void preview(Collection<String> ids, double dx, double dy) {
        for (String id : ids) {
            NodeView v = views.get(id);
            if (v != null) {
                v.setTranslateX(dx);
                v.setTranslateY(dy);
            }
        }
    }

    public void setDetailsVisible(boolean visible) {
        if (visible != details) {
            details = visible;
            views.values().forEach(v -> v.setDetailsVisible(visible));
        }
    }
}
