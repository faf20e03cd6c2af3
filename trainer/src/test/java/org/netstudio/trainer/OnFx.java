package org.netstudio.trainer;

import java.util.concurrent.Callable;
import org.testfx.api.FxRobot;

/** Reads a value on the FX thread, for the trainer's GUI tests. */
public final class OnFx {

    private OnFx() {
    }

    /** What {@code read} gives, read on the FX thread; its exception fails the test. */
    public static <T> T read(FxRobot robot, Callable<T> read) {
        @SuppressWarnings("unchecked")
        T[] out = (T[]) new Object[1];
        robot.interact(() -> {
            try {
                out[0] = read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out[0];
    }
}
