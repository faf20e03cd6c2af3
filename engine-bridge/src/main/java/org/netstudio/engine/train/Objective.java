package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What a training run minimises and measures, given the block's outputs for a batch: the sum of
 * a net's loss outputs ({@code LossOutputs}), or a loss put on a hand-written block's prediction
 * ({@code DirectLoss}).
 */
public interface Objective {

    /** The scalar to minimise for this batch. */
    NDArray loss(NDList outputs, Batch batch);

    /** Adds what this batch shows (loss, right classes, squared errors) to the tally. */
    void measure(NDList outputs, Batch batch, NDArray loss, Tally tally);

    /**
     * Explains why the block's outputs for a batch of one cannot be trained this way, or returns
     * null when they can.
     */
    default String check(NDList outputs, Batch batch) {
        return null;
    }

    /** Whether some output is measured by accuracy (classes). */
    boolean classification();
}
