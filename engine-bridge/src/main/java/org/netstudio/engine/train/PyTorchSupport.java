package org.netstudio.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few PyTorch calls that DJL's portable API makes slower or global.
 *
 * <p>PyTorch's autograd mode is per thread and is <em>on</em> in every new thread, so a training
 * or evaluation thread must switch it off for everything but the forward pass, or inference would
 * build autograd graphs and in-place weight updates would be refused. DJL's {@code
 * GradientCollector} allows only one collector per JVM at a time, which would keep two nets from
 * training at once; the direct calls here have no such global state.
 */
final class PyTorchSupport {

    private PyTorchSupport() {}

    /** Fails with a clear message unless the default engine is PyTorch. */
    static void requirePyTorch() {
        String name = Engine.getInstance().getEngineName();
        if (!"PyTorch".equals(name)) {
            throw new IllegalStateException("NetStudio trains with DJL's PyTorch engine, but the default engine is "
                    + name);
        }
    }

    /** Switches autograd recording on or off for the calling thread. */
    static void setGradMode(boolean enabled) {
        JniUtils.setGradMode(enabled);
    }

    /** Whether the calling thread records autograd graphs. */
    static boolean isGradMode() {
        return JniUtils.isGradMode();
    }

    /** Back-propagates from a scalar loss, freeing its graph; {@code ones} is a scalar 1 on the loss's device. */
    static void backward(NDArray loss, NDArray ones) {
        JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, false, false);
    }

    /** Sets a parameter's accumulated gradient to zero. */
    static void zeroGrad(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }
}
