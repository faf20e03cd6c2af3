package org.netstudio.app.run;

import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/** How Try It, {@code predict} and {@code embed} run a net: with its weights, or with seeded initial values. */
final class NetRunners {

    /** The seed of the initial values a net without weights runs with (as File › Export ONNX uses). */
    static final long UNTRAINED_SEED = 0;

    private NetRunners() {
    }

    /** A runner of the net with its weights, or with seeded initial values when there are none. */
    static NetRunner open(NetNode net, Weights weights) {
        return weights == null ? NetRunner.untrained(net, UNTRAINED_SEED) : NetRunner.load(net, weights);
    }
}
