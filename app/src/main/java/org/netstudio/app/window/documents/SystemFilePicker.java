package org.netstudio.app.window.documents;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javafx.stage.DirectoryChooser;
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
    private static final FileChooser.ExtensionFilter SAFETENSORS =
            new FileChooser.ExtensionFilter("Weights (*.safetensors)", "*.safetensors");
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
        return save(owner, "Save Net", suggestedName, JSON, NSNET);
    }

    @Override
    public Optional<Path> savePicture(Window owner, String suggestedName) {
        return save(owner, "Export Picture", suggestedName, PNG, SVG);
    }

    @Override
    public Optional<Path> saveOnnx(Window owner, String suggestedName) {
        return save(owner, "Export ONNX", suggestedName, ONNX);
    }

    /** A folder chooser: the project folder goes inside the chosen one, under the suggested name. */
    @Override
    public Optional<Path> saveProjectFolder(Window owner, String suggestedName) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export PyTorch Project: choose where its folder “" + suggestedName + "” goes");
        if (folder != null && folder.isDirectory()) {
            chooser.setInitialDirectory(folder);
        }
        File parent = chooser.showDialog(owner);
        if (parent == null) {
            return Optional.empty();
        }
        folder = parent;
        return Optional.of(parent.toPath().resolve(suggestedName));
    }

    @Override
    public Optional<Path> openWeights(Window owner) {
        FileChooser chooser = chooser("Import Weights");
        chooser.getExtensionFilters().setAll(SAFETENSORS);
        return remember(chooser.showOpenDialog(owner));
    }

    /** Asks where to save, offering {@code filters} (the first is the default); the name gets the chosen one's extension. */
    private Optional<Path> save(Window owner, String title, String suggestedName, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = chooser(title);
        chooser.getExtensionFilters().setAll(filters);
        chooser.setInitialFileName(suggestedName);
        Optional<Path> file = remember(chooser.showSaveDialog(owner));
        FileChooser.ExtensionFilter chosen = chooser.getSelectedExtensionFilter() == null
                ? filters[0] : chooser.getSelectedExtensionFilter();
        List<String> offered = Stream.of(filters).map(SystemFilePicker::extension).toList();
        return file.map(p -> withExtension(p, extension(chosen), offered));
    }

    /** ".json" for a filter of "*.json". */
    private static String extension(FileChooser.ExtensionFilter filter) {
        return filter.getExtensions().get(0).substring(1);
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

    /**
     * {@code p} as it is when it ends with one of the {@code offered} extensions, else with
     * {@code extension} added: GTK's chooser does not add the filter's extension itself.
     */
    static Path withExtension(Path p, String extension, List<String> offered) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (offered.stream().anyMatch(name::endsWith)) {
            return p;
        }
        return p.resolveSibling(p.getFileName() + extension);
    }
}
