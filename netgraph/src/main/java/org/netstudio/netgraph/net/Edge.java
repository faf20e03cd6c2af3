package org.netstudio.netgraph.net;

import java.util.Objects;

/** A wire from an output port (or a graph input) to an input port (or a graph output). */
public record Edge(PortRef from, PortRef to) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
