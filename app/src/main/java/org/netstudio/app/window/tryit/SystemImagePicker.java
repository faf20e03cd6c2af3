package org.netstudio.app.window.tryit;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file chooser, showing image files and starting where the last image was. */
public final class SystemImagePicker implements ImagePicker {

    private File folder;

    @Override
    public Optional<Path> openImage(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Try It on an Image");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (folder != null && folder.isDirectory()) {
            chooser.setInitialDirectory(folder);
        }
        File f = chooser.showOpenDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        folder = f.getParentFile();
        return Optional.of(f.toPath());
    }
}
