package org.netstudio.engine.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetArray;
import org.netstudio.netgraph.net.LearningRateMultipliers;

/**
 * The learning-rate multipliers of a run resolved to the block's parameters: each array takes its
 * layer's factor ({@link LearningRateMultipliers#factorOf}). Only a compiled net knows which layer
 * an array belongs to; any other block trains every array at the full rate and refuses multipliers.
 */
final class LayerFactors {

    private final CompiledNet net;
    private final LearningRateMultipliers multipliers;
    private final Map<Parameter, Double> factors = new IdentityHashMap<>();

    private LayerFactors(CompiledNet net, LearningRateMultipliers multipliers) {
        this.net = net;
        this.multipliers = multipliers;
        if (net != null) {
            for (NetArray a : net.arrays()) {
                factors.put(a.parameter(), multipliers.factorOf(a.node()));
            }
        }
    }

    static LayerFactors of(Block block, LearningRateMultipliers multipliers) {
        if (block instanceof CompiledNet net) {
            return new LayerFactors(net, multipliers);
        }
        if (!multipliers.isEmpty()) {
            throw new IllegalArgumentException("Learning-rate multipliers and frozen layers need a net made in"
                    + " NetStudio; this block has no layers to give them to");
        }
        return new LayerFactors(null, multipliers);
    }

    /** The factor of this parameter's layer; 1 for a parameter of no known layer. */
    double factorOf(Parameter parameter) {
        return factors.getOrDefault(parameter, 1.0);
    }

    /**
     * Fixes the batch-norm statistics of the frozen layers for the run.
     *
     * @return what lets them move again afterwards
     */
    Runnable fixFrozenStatistics() {
        if (net == null || multipliers.isEmpty()) {
            return () -> { };
        }
        net.fixStatistics(multipliers::frozen);
        return () -> net.fixStatistics(path -> false);
    }
}
