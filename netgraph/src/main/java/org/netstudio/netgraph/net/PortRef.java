package org.netstudio.netgraph.net;

import java.util.Objects;

/**
 * One end of a graph edge: a port of a node, or (when {@code node} is null) one of the graph's own
 * input or output ports. Written in files as "node.Port", "node" (its only port) or "Port".
 */
public record PortRef(String node, String port) {

    public PortRef {
        Objects.requireNonNull(port, "port");
    }

    public static PortRef of(String node, String port) {
        return new PortRef(node, port);
    }

    public static PortRef graphPort(String port) {
        return new PortRef(null, port);
    }

    public boolean isGraphPort() {
        return node == null;
    }

    @Override
    public String toString() {
        return node == null ? port : node + "." + port;
    }
}
