package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * A node (and everything inside it) now at another path: renamed, moved into a group or out of
 * one. What keeps things keyed by node path — weights — with their nodes across edits.
 *
 * @param from where the node was
 * @param to   where it is
 */
public record NodeMove(NodePath from, NodePath to) {

    public NodeMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The same move undone. */
    public NodeMove reversed() {
        return new NodeMove(to, from);
    }
}
