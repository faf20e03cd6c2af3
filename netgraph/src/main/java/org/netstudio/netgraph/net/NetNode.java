package org.netstudio.netgraph.net;

import java.util.List;

/**
 * A node of a net: a catalog {@link Layer}, or a container ({@link Chain}, {@link Graph}) that is
 * itself a layer and nests to any depth. Immutable values; editing makes new ones.
 */
public sealed interface NetNode permits Layer, Chain, Graph {

    /** The type name as written in the file: "Linear", "Chain", "Graph". */
    String typeName();

    /** The names of the input ports, in order. */
    List<String> inputNames();

    /** The names of the output ports, in order. */
    List<String> outputNames();
}
