package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The computation of one catalog layer on a batch: tensors carry the batch as their first axis,
 * then the per-example shape of the net model (channels first).
 */
@FunctionalInterface
interface LayerKernel {

    /**
     * Computes the layer's outputs.
     *
     * @param inputs   one tensor per input port, in port order
     * @param arrays   the layer's learnable and state arrays, in the order of its ArraySpecs
     * @param training whether this is a training pass (dropout active, batch statistics used)
     * @return one tensor per output port, in port order
     */
    NDList forward(NDList inputs, NDArray[] arrays, boolean training);

    /**
     * A kernel that reads along a sequence axis (the last element, a reversal, attention over
     * keys, pooling, a loss) and so must know where each example's sequence ends in a padded
     * batch. Kernels that treat every element alike need not be one: padding only ever reaches
     * them as extra elements that a masked layer later ignores.
     */
    @FunctionalInterface
    interface Masked extends LayerKernel {

        /**
         * Computes the layer's outputs on a padded batch.
         *
         * @param lengths the lengths of the inputs' varying axes, {@link Lengths#NONE} when all are full
         */
        NDList forward(NDList inputs, NDArray[] arrays, boolean training, Lengths lengths);

        @Override
        default NDList forward(NDList inputs, NDArray[] arrays, boolean training) {
            return forward(inputs, arrays, training, Lengths.NONE);
        }
    }

    /**
     * A recurrent kernel that can start from a given state and tell the state it ended in, for a
     * net run step by step ({@link Carry}).
     */
    interface Recurrent extends Masked {

        /**
         * Computes the outputs from an initial state.
         *
         * @param state the state to start from (the layer's own layout), or null for zeros
         * @return the outputs, then the final state as one more list
         */
        Stepped step(NDList inputs, NDArray[] arrays, NDList state);

        /** Outputs and the state a recurrent layer ended in. */
        record Stepped(NDList outputs, NDList state) {
        }
    }
}
