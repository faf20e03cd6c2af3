package org.netstudio.netgraph.net;

import java.util.Objects;

/**
 * Wolfram's NetMapOperator (Keras' TimeDistributed): the inner net applied to every element of a
 * sequence, with the same weights. Ports "Input" ({@code n×…in}) and "Output" ({@code n×…out}); the
 * inner net takes one element and gives one, on one input and one output port of its own.
 *
 * @param net the inner net, named "net" in paths ({@code map1/net/linear1})
 */
public record MapOperator(NetNode net) implements OneNetOperator {

    public MapOperator {
        Objects.requireNonNull(net, "net");
    }

    @Override
    public MapOperator withNet(NetNode inner) {
        return new MapOperator(inner);
    }

    @Override
    public String typeName() {
        return "Map";
    }
}
