package org.netstudio.netgraph.net;

import java.util.List;

/**
 * A sequence operator with one inner net, named "net" in paths ({@code map1/net/linear1}):
 * {@link MapOperator} and {@link FoldOperator}. Finding and replacing the inner net by name is
 * said here once; each operator only says how to copy itself with another net.
 */
public sealed interface OneNetOperator extends SequenceOperator permits MapOperator, FoldOperator {

    /** The inner net's name in paths. */
    String NET = "net";

    /** The inner net. */
    NetNode net();

    /** A copy with another inner net, everything else kept. */
    OneNetOperator withNet(NetNode net);

    @Override
    default List<String> innerNames() {
        return List.of(NET);
    }

    @Override
    default NetNode inner(String name) {
        return name.equals(NET) ? net() : null;
    }

    @Override
    default OneNetOperator withInner(String name, NetNode inner) {
        if (!name.equals(NET)) {
            throw SequenceOperator.noInner(this, name);
        }
        return withNet(inner);
    }
}
