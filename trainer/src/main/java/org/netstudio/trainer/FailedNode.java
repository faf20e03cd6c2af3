package org.netstudio.trainer;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * The node a training failed at, e.g. the first one whose output held a NaN, with the failure's message.
 *
 * @param node    the node, as a path from the net's root
 * @param message the failure, for people
 */
public record FailedNode(NodePath node, String message) {

    public FailedNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }
}
