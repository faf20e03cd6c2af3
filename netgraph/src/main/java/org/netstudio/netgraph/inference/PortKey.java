package org.netstudio.netgraph.inference;

import org.netstudio.netgraph.net.NodePath;

/** Names one port of one node (or of the net itself, at the root path). */
public record PortKey(NodePath node, String port, boolean input) {

    public static PortKey in(NodePath node, String port) {
        return new PortKey(node, port, true);
    }

    public static PortKey out(NodePath node, String port) {
        return new PortKey(node, port, false);
    }
}
