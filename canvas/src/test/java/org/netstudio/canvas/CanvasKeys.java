package org.netstudio.canvas;

import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Keyboard gestures on a canvas as a person makes them after clicking on it, for the canvas's and the window's tests. */
public final class CanvasKeys {

    private CanvasKeys() {
    }

    /** Shortcut+keys with the canvas focused. */
    public static void shortcut(FxRobot robot, NetCanvas canvas, KeyCode... keys) {
        robot.interact(canvas::requestFocus);
        KeyCode[] all = new KeyCode[keys.length + 1];
        all[0] = KeyCode.SHORTCUT;
        System.arraycopy(keys, 0, all, 1, keys.length);
        robot.push(all);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The shortcut held down while its last key is tapped {@code times} times, as a person undoes
     * many steps (each tap is one key press and release, not the whole chord again).
     */
    public static void tapShortcut(FxRobot robot, NetCanvas canvas, int times, KeyCode... keys) {
        robot.interact(canvas::requestFocus);
        KeyCode[] held = new KeyCode[keys.length];
        held[0] = KeyCode.SHORTCUT;
        System.arraycopy(keys, 0, held, 1, keys.length - 1);
        robot.press(held);
        for (int i = 0; i < times; i++) {
            robot.type(keys[keys.length - 1]);
        }
        robot.release(held);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
