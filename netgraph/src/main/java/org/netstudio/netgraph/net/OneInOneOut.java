package org.netstudio.netgraph.net;

import java.util.List;

/**
 * A node with one input port, "Input", and one output port, "Output": a {@link Chain} and every
 * {@link SequenceOperator}, as opposed to a layer or a graph, whose ports vary.
 */
public sealed interface OneInOneOut extends NetNode permits Chain, SequenceOperator {

    @Override
    default List<String> inputNames() {
        return List.of("Input");
    }

    @Override
    default List<String> outputNames() {
        return List.of("Output");
    }
}
