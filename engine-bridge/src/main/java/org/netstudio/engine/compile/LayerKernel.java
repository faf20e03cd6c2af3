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
}
