package org.netstudio.canvas;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.input.KeyCombination;

/**
 * A command of the canvas for a menu, a toolbar or a shortcut: its text, platform accelerator
 * (Shortcut is Ctrl or ⌘; null for none), what it does, and when it can run. {@code enabled} is false while a
 * text field of the scene has focus, so menu accelerators never act on the canvas while typing.
 */
public record CanvasAction(String id, String text, KeyCombination accelerator, Runnable handler,
                           ObservableBooleanValue enabled) {

    /** Runs the action if it is enabled; returns whether it ran. */
    public boolean fire() {
        if (enabled.get()) {
            handler.run();
            return true;
        }
        return false;
    }
}
