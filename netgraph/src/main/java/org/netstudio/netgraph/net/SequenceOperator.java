package org.netstudio.netgraph.net;

import java.util.List;

/**
 * A container that runs inner nets along a sequence: {@link MapOperator} (the inner net on every
 * element), {@link FoldOperator} (a state carried from element to element) and
 * {@link BidirectionalOperator} (a forward and a backward net over the whole sequence). Like Chain
 * and Graph it is a layer of its own that nests to any depth; its inner nets are found by name
 * ({@link #innerNames()}), so the path of a layer inside reads {@code map1/net/linear1}. Immutable.
 */
public sealed interface SequenceOperator extends NetNode permits MapOperator, FoldOperator, BidirectionalOperator {

    /** The names of the inner nets, in order: {@code "net"}, or {@code "forward", "backward"}. */
    List<String> innerNames();

    /** The inner net of this name, or null when there is none. */
    NetNode inner(String name);

    /**
     * A copy with the inner net {@code name} replaced.
     *
     * @throws IllegalArgumentException when the operator has no inner net of that name
     */
    SequenceOperator withInner(String name, NetNode net);

    @Override
    default NetNode child(String name) {
        return inner(name);
    }

    @Override
    default List<String> inputNames() {
        return List.of("Input");
    }

    @Override
    default List<String> outputNames() {
        return List.of("Output");
    }

    /** The error for a name that is not one of {@link #innerNames()}. */
    static IllegalArgumentException noInner(SequenceOperator op, String name) {
        return new IllegalArgumentException(op.typeName() + " has no inner net \"" + name + "\" (it has "
                + String.join(", ", op.innerNames()) + ")");
    }
}
