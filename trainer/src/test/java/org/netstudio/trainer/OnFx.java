package org.netstudio.trainer;

import java.util.concurrent.Callable;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reads a value on the FX thread, for the trainer's GUI tests. */
public final class OnFx {

    private OnFx() {
    }

    /** What {@code read} gives, read on the FX thread; its exception fails the test. */
    public static <T> T read(FxRobot robot, Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(30_000, read);
    }
}
