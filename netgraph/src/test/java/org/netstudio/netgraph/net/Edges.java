package org.netstudio.netgraph.net;

/** Edges written as in a net file, for tests: {@code edge("dense.Output", "act.Input")}, a bare name for a graph port. */
public final class Edges {

    private Edges() {
    }

    /** The edge between two ports, each {@code node.Port} or a graph port's name. */
    public static Edge edge(String from, String to) {
        return new Edge(ref(from), ref(to));
    }

    /** A port written {@code node.Port}, or a graph port's name. */
    public static PortRef ref(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? PortRef.graphPort(text) : PortRef.of(text.substring(0, dot), text.substring(dot + 1));
    }
}
