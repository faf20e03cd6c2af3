package org.netstudio.canvas.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.NetDocument;

/**
 * A {@link NetEditor} with its own linear undo history of document snapshots, applying edits with
 * {@link GraphEdits}. No-op edits make no undo entry.
 */
public final class LocalNetEditor implements NetEditor {

    private final List<NetDocument> history = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private int index;
    private final List<Runnable> listeners = new ArrayList<>();

    public LocalNetEditor(NetDocument initial) {
        history.add(Objects.requireNonNull(initial, "initial"));
    }

    /** Starts over with {@code doc} and an empty history (opening a file). */
    public void reset(NetDocument doc) {
        history.clear();
        labels.clear();
        history.add(Objects.requireNonNull(doc, "doc"));
        index = 0;
        fire();
    }

    @Override
    public NetDocument document() {
        return history.get(index);
    }

    @Override
    public void execute(CanvasEdit edit) {
        NetDocument next = GraphEdits.apply(document(), edit);
        if (next.equals(document())) {
            return;
        }
        history.subList(index + 1, history.size()).clear();
        labels.subList(index, labels.size()).clear();
        history.add(next);
        labels.add(edit.label());
        index++;
        fire();
    }

    @Override
    public boolean canUndo() {
        return index > 0;
    }

    @Override
    public boolean canRedo() {
        return index < history.size() - 1;
    }

    @Override
    public void undo() {
        if (canUndo()) {
            index--;
            fire();
        }
    }

    @Override
    public void redo() {
        if (canRedo()) {
            index++;
            fire();
        }
    }

    /** The labels of the edits that can be undone, oldest first ("Add conv1", "Move"). */
    public List<String> undoLabels() {
        return List.copyOf(labels.subList(0, index));
    }

    /** How many edits can be undone. */
    public int undoDepth() {
        return index;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
