package org.netstudio.app.window.tryit;

import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.Window;

/** Asks for an image file. The window uses the platform's chooser; tests, which cannot drive it, give their own. */
@FunctionalInterface
public interface ImagePicker {

    /** An image to try the net on, or empty when cancelled. */
    Optional<Path> openImage(Window owner);
}
