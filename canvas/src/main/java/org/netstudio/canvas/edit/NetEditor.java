package org.netstudio.canvas.edit;

import org.netstudio.netgraph.net.NetDocument;

/**
 * Where every canvas gesture goes: one {@link CanvasEdit} becomes one undo entry. The canvas never
 * changes a document any other way. Used on the JavaFX thread only.
 */
public interface NetEditor {

    NetDocument document();

    /**
     * Applies the edit as one undo entry and notifies listeners.
     *
     * @throws IllegalArgumentException with a sentence for people when the edit cannot apply
     */
    void execute(CanvasEdit edit);

    /**
     * The document {@code edit} would make, without recording anything (the full check of a wire).
     *
     * @throws IllegalArgumentException when it cannot apply
     */
    NetDocument preview(CanvasEdit edit);

    boolean canUndo();

    boolean canRedo();

    void undo();

    void redo();

    /** Called after every change of {@link #document()} (execute, undo, redo, reset). */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
