package org.netstudio.app.window.documents;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file chooser, remembering the folder last used. */
final class SystemFilePicker implements FilePicker {

    private static final FileChooser.ExtensionFilter NETS =
            new FileChooser.ExtensionFilter("Nets (*.json, *.nsnet, *.onnx)", "*.json", "*.nsnet", "*.onnx");
    private static final FileChooser.ExtensionFilter JSON = new FileChooser.ExtensionFilter("Net file (*.json)", "*.json");
    private static final FileChooser.ExtensionFilter NSNET =
            new FileChooser.ExtensionFilter("Net with weights (*.nsnet)", "*.nsnet");
    private static final FileChooser.ExtensionFilter PNG = new FileChooser.ExtensionFilter("PNG image (*.png)", "*.png");
    private static final FileChooser.ExtensionFilter ONNX = new FileChooser.ExtensionFilter("ONNX model (*.onnx)", "*.onnx");
    private static final FileChooser.ExtensionFilter SVG = new FileChooser.ExtensionFilter("SVG drawing (*.svg)", "*.svg");

    private File folder;

    @Override
    public Optional<Path> openNet(Window owner) {
        FileChooser chooser = chooser("Open Net");
        chooser.getExtensionFilters().setAll(NETS);
        return remember(chooser.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> saveNet(Window owner, String suggestedName) {
        FileChooser chooser = chooser("Save Net");
        chooser.getExtensionFilters().setAll(JSON, NSNET);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner))
                .map(p -> withExtension(p, chooser.getSelectedExtensionFilter() == NSNET ? ".nsnet" : ".json"));
    }

    @Override
    public Optional<Path> savePicture(Window owner, String suggestedName) {
        FileChooser chooser = chooser("Export Picture");
        chooser.getExtensionFilters().setAll(PNG, SVG);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner))
                .map(p -> withExtension(p, chooser.getSelectedExtensionFilter() == SVG ? ".svg" : ".png"));
    }

    @Override
    public Optional<Path> saveOnnx(Window owner, String suggestedName) {
        FileChooser chooser = chooser("Export ONNX");
        chooser.getExtensionFilters().setAll(ONNX);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner)).map(p -> withExtension(p, ".onnx"));
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (folder != null && folder.isDirectory()) {
            chooser.setInitialDirectory(folder);
        }
        return chooser;
    }

    private Optional<Path> remember(File file) {
        if (file == null) {
            return Optional.empty();
        }
        folder = file.getParentFile();
        return Optional.of(file.toPath());
    }

    /** GTK's chooser does not add the filter's extension itself. */
    private static Path withExtension(Path p, String extension) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".nsnet") || name.endsWith(".png") || name.endsWith(".svg")) {
            return p;
        }
        return p.resolveSibling(p.getFileName() + extension);
    }
}
