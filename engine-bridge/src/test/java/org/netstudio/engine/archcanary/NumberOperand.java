package org.netstudio.engine.archcanary;

import ai.djl.ndarray.NDArray;

/** Scales an array by a Java number through DJL, on purpose; only NumberOperandRuleTest imports it. */
public final class NumberOperand {

    private NumberOperand() {
    }

    static NDArray eighth(NDArray x) {
        return x.div(8);
    }
}
