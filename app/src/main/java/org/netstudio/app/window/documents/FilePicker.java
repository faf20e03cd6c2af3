package org.netstudio.app.window.documents;

import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.Window;

/**
 * Asks the user for a file. The window uses the platform's file chooser; tests, which cannot drive a
 * native dialog, give their own.
 */
public interface FilePicker {

    /** A net file to open, or empty when cancelled. */
    Optional<Path> openNet(Window owner);

    /** Where to save a net first called {@code suggestedName}, or empty when cancelled. */
    Optional<Path> saveNet(Window owner, String suggestedName);

    /** Where to write a picture of the canvas (.png or .svg), or empty when cancelled. */
    Optional<Path> savePicture(Window owner, String suggestedName);

    /** Where to write an ONNX model; by default asked like a net file. */
    default Optional<Path> saveOnnx(Window owner, String suggestedName) {
        return saveNet(owner, suggestedName);
    }

    /** The folder to write a PyTorch project into, first called {@code suggestedName}; by default asked like a net file. */
    default Optional<Path> saveProjectFolder(Window owner, String suggestedName) {
        return saveNet(owner, suggestedName);
    }

    /** A weights file (safetensors) to put into the open net; by default asked like a net to open. */
    default Optional<Path> openWeights(Window owner) {
        return openNet(owner);
    }
}
