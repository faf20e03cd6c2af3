package org.netstudio.engine.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd recording off (or on) for a stretch of work, and holds the few
 * direct autograd calls a probe makes. The mode is per thread and on in every new thread, so
 * without this an inference on a GUI or worker thread would build gradient graphs it never uses.
 */
final class Autograd implements AutoCloseable {

    private final boolean pytorch;
    private final boolean before;
    private final boolean wanted;

    private Autograd(boolean wanted) {
        this.wanted = wanted;
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        before = pytorch && JniUtils.isGradMode();
        if (pytorch && before != wanted) {
            JniUtils.setGradMode(wanted);
        }
    }

    /** Stops recording on the calling thread until {@link #close()}. */
    static Autograd off() {
        return new Autograd(false);
    }

    /** Records on the calling thread until {@link #close()}, for a pass whose gradients are wanted. */
    static Autograd on() {
        return new Autograd(true);
    }

    /** Restores the thread's previous mode. */
    @Override
    public void close() {
        if (pytorch && before != wanted) {
            JniUtils.setGradMode(before);
        }
    }

    /**
     * Whether autograd recorded how an array was made from arrays that want gradients (DJL's
     * {@code hasGradient} answers only for leaves).
     */
    static boolean isRecorded(NDArray a) {
        String functions = JniUtils.getGradientFunctionNames((PtNDArray) a);
        return a.hasGradient() || functions != null && !functions.isEmpty();
    }

    /** Back-propagates from a scalar, freeing its graph. */
    static void backward(NDArray scalar) {
        try (NDArray one = scalar.getManager().ones(new Shape(), DataType.FLOAT32)) {
            JniUtils.backward((PtNDArray) scalar, (PtNDArray) one, false, false);
        }
    }

    /**
     * The gradient accumulated in a leaf, or null when no backward pass reached it (DJL's own
     * {@code getGradient} gives zeros then, which would hide that the gradient does not exist). The
     * gradient belongs to the leaf's manager; close it when read.
     */
    static NDArray gradientOrNull(NDArray leaf) {
        if (!leaf.hasGradient()) {
            return null;
        }
        return JniUtils.getGradient((PtNDArray) leaf);
    }

    /** Forgets a leaf's accumulated gradient, so the next backward pass starts from nothing. */
    static void zeroGradient(NDArray leaf) {
        if (leaf.hasGradient()) {
            JniUtils.zeroGrad((PtNDArray) leaf);
        }
    }
}
