package org.netstudio.netgraph.edit;

import java.util.Optional;
import org.netstudio.netgraph.net.NetDocument;

/**
 * One edit of a net document, as a pure function from the document before to the document after.
 * Nets are immutable values, so undo needs no inverse: the {@link CommandStack} keeps the document
 * each command was applied to and restores it.
 *
 * <p>{@link #apply} throws IllegalArgumentException with a sentence a person understands ("There is
 * no node 'conv9' in the net.") when the command does not fit the document; nothing changes then.
 * A command that returns an equal document is a no-op and is not recorded. Implementations are
 * immutable values, safe to keep and to apply from any thread.
 */
public interface Command {

    /** The document after this edit. */
    NetDocument apply(NetDocument doc);

    /** What the edit does, for the Undo and Redo menu items: "Add Convolution", "Move 3 nodes". */
    String description();

    /**
     * One command doing this and then {@code next}, when they are one edit to a person (typing a
     * value digit by digit), or empty. Only called with the command executed right after this one.
     */
    default Optional<Command> mergeWith(Command next) {
        return Optional.empty();
    }

    /**
     * The nodes this edit moves to other paths when applied to {@code before} (a rename, a group,
     * an ungroup), in order; none for most edits.
     */
    default java.util.List<NodeMove> moves(NetDocument before) {
        return java.util.List.of();
    }
}
