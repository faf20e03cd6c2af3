package org.netstudio.engine.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Hand-written DJL nets for the tests and benchmarks. */
public final class TestNets {

    private TestNets() {}

    /** An MLP: Linear(hidden) → ReLU → Linear(hidden) → ReLU → Linear(outputs) (logits). */
    public static SequentialBlock mlp(int hidden, int outputs) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(outputs).build());
    }

    /**
     * A small CNN for 1×28×28 images: Conv(16, 3×3) → ReLU → MaxPool 2 → Conv(32, 3×3) → ReLU →
     * MaxPool 2 → Flatten → Linear(64) → ReLU → Linear(classes) (logits).
     */
    public static SequentialBlock smallCnn(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16).optPadding(new Shape(1, 1)).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).optPadding(new Shape(1, 1)).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(classes).build());
    }
}
