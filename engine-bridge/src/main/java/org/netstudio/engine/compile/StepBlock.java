package org.netstudio.engine.compile;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * One step of a compiled net as a DJL block: a catalog layer ({@link LayerBlock}) or a sequence
 * operator running inner nets ({@link OperatorBlock}). The compiled net calls {@link #apply}
 * directly, skipping DJL's per-call initialisation check.
 */
abstract class StepBlock extends AbstractBlock {

    StepBlock(byte version) {
        super(version);
    }

    /** Runs the step on a batch whose sequences all have their full length. */
    NDList apply(ParameterStore store, NDList inputs, boolean training) {
        return apply(store, inputs, training, Lengths.NONE);
    }

    /**
     * Runs the step on a batch.
     *
     * @param lengths the lengths of its inputs' varying axes, {@link Lengths#NONE} when every
     *                sequence of the batch has its full length
     */
    abstract NDList apply(ParameterStore store, NDList inputs, boolean training, Lengths lengths);

    /** The step's learnable and state arrays (an operator's inner nets' included), in evaluation order. */
    abstract List<NetArray> arrays();

    /**
     * Makes the batch-norm layers among this step's whose path {@code fixed} accepts normalise with
     * their moving statistics and leave them as they are even while training (a frozen layer); the
     * others behave as usual.
     */
    abstract void fixStatistics(java.util.function.Predicate<org.netstudio.netgraph.net.NodePath> fixed);

    /** Saves the input shapes when DJL's initialisation recorded them; steps sized from weights have none. */
    @Override
    protected void saveMetadata(java.io.DataOutputStream os) throws java.io.IOException {
        if (inputShapes == null) {
            os.writeInt(0);
        } else {
            saveInputShapes(os);
        }
    }

    /** Whether the step carries a state through a sequence that a later call can start from (see {@link Carry}). */
    boolean isRecurrent() {
        return false;
    }

    /**
     * Runs a recurrent step from a state (null: zeros) in inference mode, and tells the state it
     * ended in; only for steps that {@link #isRecurrent()}.
     */
    LayerKernel.Recurrent.Stepped step(ParameterStore store, NDList inputs, NDList state) {
        throw new UnsupportedOperationException(this + " carries no state");
    }
}
