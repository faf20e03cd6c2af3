package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.netstudio.engine.weights.WeightsImport;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * File › Import Weights: trained weights from a safetensors file (a PyTorch run's
 * {@code best.safetensors}) into the net in a tab, as one undoable edit, after checking their names
 * and shapes against the net; a mismatch is refused in a sentence naming the array.
 */
public final class WeightsImporter {

    private static final ExecutorService READER = DaemonThreads.single("netstudio-weights-import");

    private final Prompts prompts;
    private final Supplier<FilePicker> picker;
    private final Consumer<String> note;
    private CompletableFuture<Void> imports = CompletableFuture.completedFuture(null);

    WeightsImporter(Prompts prompts, Supplier<FilePicker> picker, Consumer<String> note) {
        this.prompts = prompts;
        this.picker = picker;
        this.note = note;
    }

    /** Asks for the weights file, then reads and checks it off the UI thread and puts it into the tab's net. */
    public void importWeights(NetTab tab) {
        picker.get().openWeights(prompts.owner()).ifPresent(file -> importWeights(tab, file));
    }

    /** Reads and checks {@code file} (or a run folder's best weights) off the UI thread, then puts it into the tab's net. */
    public void importWeights(NetTab tab, Path file) {
        NetDocument doc = tab.net().document();
        imports = imports.thenRunAsync(() -> {
            try {
                Weights weights = WeightsImport.read(file, doc);
                Platform.runLater(() -> use(tab, doc, file, weights));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> prompts.error("Cannot import “" + file.getFileName() + "”", e));
            }
        }, READER);
    }

    private void use(NetTab tab, NetDocument checkedFor, Path file, Weights weights) {
        if (!tab.net().document().net().equals(checkedFor.net())) {
            prompts.error("Cannot import “" + file.getFileName() + "”",
                    "The net changed while its weights were read; import them again.");
            return;
        }
        tab.net().useWeights(weights);
        note.accept("Weights imported from " + file.getFileName() + " (" + weights.size() + " arrays); Undo takes them out.");
    }

    /** Completes when the imports asked for so far have been read and checked (tests). */
    public CompletableFuture<Void> importsDone() {
        return imports;
    }
}
