package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;

/**
 * A dataset that shows another one's examples in a new light (augmented pictures, named features):
 * its name, size, feature shape, targets and whether it sits in memory are the wrapped dataset's,
 * unless the wrapper says otherwise. Thread safety is the wrapper's and the wrapped dataset's.
 */
public interface WrappedDataset extends Dataset {

    /** The dataset seen through this one; never null. */
    Dataset wrapped();

    @Override
    default String name() {
        return wrapped().name();
    }

    @Override
    default Shape featureShape() {
        return wrapped().featureShape();
    }

    @Override
    default Targets targets() {
        return wrapped().targets();
    }

    @Override
    default boolean inMemory() {
        return wrapped().inMemory();
    }
}
