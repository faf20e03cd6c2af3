package org.netstudio.engine.run;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd recording off for a stretch of inference. The mode is per thread
 * and on in every new thread, so without this an inference on a GUI or worker thread would build
 * gradient graphs it never uses.
 */
final class Autograd implements AutoCloseable {

    private final boolean pytorch;
    private final boolean before;

    private Autograd() {
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        before = pytorch && JniUtils.isGradMode();
        if (before) {
            JniUtils.setGradMode(false);
        }
    }

    /** Stops recording on the calling thread until {@link #close()}. */
    static Autograd off() {
        return new Autograd();
    }

    /** Restores the thread's previous mode. */
    @Override
    public void close() {
        if (before) {
            JniUtils.setGradMode(true);
        }
    }
}
