package org.netstudio.netgraph.edit;

/**
 * An edit of something a document owns beside its net value — its trained weights — that still
 * belongs in the document's undo history ("Use trained weights" is undone with Ctrl+Z like any
 * other edit). Recorded by {@link CommandStack#record}; the net itself does not change.
 *
 * <p>{@link #redo} is also how the effect is first applied. Both run on the stack's thread and must
 * not touch the stack.
 */
public interface DocumentEffect {

    /** Applies the change (first time and on redo). */
    void redo();

    /** Reverts it. */
    void undo();

    /** What the edit does, for the Undo and Redo menu items: "Use trained weights". */
    String description();
}
