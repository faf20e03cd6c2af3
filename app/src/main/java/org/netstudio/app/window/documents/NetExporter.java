package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.engine.torchrun.PyTorchProject;
import org.netstudio.trainer.run.ProjectRecipe;
import org.netstudio.netgraph.io.NonFiniteValues;

/** File › Export Picture, Export ONNX and Export PyTorch Project for the net in a tab. */
public final class NetExporter {

    private static final ExecutorService EXPORTER = DaemonThreads.single("netstudio-export");

    private final Prompts prompts;
    private final Supplier<FilePicker> picker;
    /** Shows in the status bar what an export wrote. */
    private final java.util.function.Consumer<String> note;
    /** ONNX exports, one after another (an untrained net's export initialises it in the engine first). */
    private CompletableFuture<Void> onnxExports = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> pyTorchExports = CompletableFuture.completedFuture(null);

    NetExporter(Prompts prompts, Supplier<FilePicker> picker, java.util.function.Consumer<String> note) {
        this.prompts = prompts;
        this.picker = picker;
        this.note = note;
    }

    /** File › Export Picture: the level shown, as PNG (2× for crispness) or SVG. */
    public void exportPicture(NetTab tab) {
        Optional<Path> target = picker.get().savePicture(prompts.owner(), tab.fileStem() + ".png");
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                tab.canvas().exportSvg(file);
            } else {
                tab.canvas().exportPng(file, 2);
            }
        } catch (IOException | RuntimeException e) {
            prompts.error("Cannot export “" + file.getFileName() + "”", e);
        }
    }

    /**
     * File › Export ONNX: the net with its weights (or its seeded initial values) as an ONNX model,
     * written off the UI thread; layers ONNX cannot express are named in the error, and weights
     * holding NaN or infinite values are refused before anything is written.
     */
    public void exportOnnx(NetTab tab) {
        Optional<Path> target = picker.get().saveOnnx(prompts.owner(), tab.fileStem() + ".onnx");
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        var doc = tab.net().document();
        var weights = tab.net().weights();
        Optional<String> nonFinite = weights.flatMap(NonFiniteValues::describe);
        if (nonFinite.isPresent()) {
            // As the command line's export refuses: a model of NaN weights computes nothing but NaN.
            prompts.error("Cannot export “" + file.getFileName() + "”", "The net's " + nonFinite.get()
                    + " (training diverged?); an ONNX model of it would output no numbers. Train it again or"
                    + " open weights that hold numbers; nothing was written.");
            return;
        }
        onnxExports = onnxExports.thenRunAsync(() -> {
            try {
                OnnxExport.write(doc, weights, file, 0);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> prompts.error("Cannot export “" + file.getFileName() + "”", e));
            }
        }, EXPORTER);
    }

    /**
     * File › Export › PyTorch Project: the net, its weights (when it has some), the recipe and the
     * examples of its trainer panel, as a folder a PyTorch engineer trains with {@code torchrun},
     * written off the UI thread (whole or not at all); the status bar says where. Layers PyTorch
     * cannot hold (imported opaque nodes) are named and nothing is asked or written.
     *
     * @param recipe the trainer's options and data; throws IllegalStateException saying what is missing
     */
    public void exportPyTorch(NetTab tab, Supplier<ProjectRecipe> recipe) {
        var doc = tab.net().document();
        List<String> opaque = PyTorchProject.unsupported(doc.net());
        if (!opaque.isEmpty()) {
            prompts.error("Cannot export “" + tab.fileStem() + "” as a PyTorch project",
                    "These layers cannot be exported to PyTorch: " + String.join(", ", opaque) + ". Nothing was written.");
            return;
        }
        ProjectRecipe chosen;
        try {
            chosen = recipe.get();
        } catch (IllegalStateException e) {
            prompts.error("Cannot export “" + tab.fileStem() + "” as a PyTorch project", e);
            return;
        }
        var weights = tab.net().weights();
        Optional<String> nonFinite = weights.flatMap(NonFiniteValues::describe);
        if (nonFinite.isPresent()) {
            prompts.error("Cannot export “" + tab.fileStem() + "” as a PyTorch project", "The net's " + nonFinite.get()
                    + " (training diverged?). Train it again or open weights that hold numbers; nothing was written.");
            return;
        }
        Optional<Path> target = picker.get().saveProjectFolder(prompts.owner(), tab.fileStem() + "-pytorch");
        if (target.isEmpty()) {
            return;
        }
        Path dir = target.get();
        pyTorchExports = pyTorchExports.thenRunAsync(() -> {
            try {
                PyTorchProject.write(chosen.doc(), weights, chosen.options(), chosen.data(), dir);
                Platform.runLater(() -> note.accept("PyTorch project written to " + dir));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> prompts.error("Cannot export “" + dir.getFileName() + "”", e));
            }
        }, EXPORTER);
    }

    /** Completes when the PyTorch projects asked for so far are written (or failed). */
    public CompletableFuture<Void> pyTorchExportsDone() {
        return pyTorchExports;
    }

    /** Completes when the ONNX exports asked for so far are written (or failed). */
    public CompletableFuture<Void> onnxExportsDone() {
        return onnxExports;
    }
}
