package org.netstudio.netgraph.net;

import java.util.List;

/**
 * A node of a net: a catalog {@link Layer}, or a container ({@link Chain}, {@link Graph}, a
 * {@link SequenceOperator}) that is itself a layer and nests to any depth. Immutable values;
 * editing makes new ones.
 */
public sealed interface NetNode permits Layer, Graph, OneInOneOut {

    /** The type name as written in the file: "Linear", "Chain", "Graph", "Map". */
    String typeName();

    /** The names of the input ports, in order. */
    List<String> inputNames();

    /** The names of the output ports, in order. */
    List<String> outputNames();

    /**
     * A direct child by name: a node of a chain or graph, an inner net of a sequence operator;
     * null when there is none (always, for a layer).
     */
    default NetNode child(String name) {
        return null;
    }
}
