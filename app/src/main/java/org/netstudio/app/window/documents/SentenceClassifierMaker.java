package org.netstudio.app.window.documents;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.TextInputDialog;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.SentenceClassifier;
import org.netstudio.netgraph.io.LoadedNet;

/**
 * Net › New Sentence Classifier…: asks for the classes, then opens a sentence classifier made of
 * the pretrained all-MiniLM-L6-v2 ({@link SentenceClassifier}) in a new tab, built on a background
 * thread. The trainer panel fine-tunes it on a table of labelled sentences; freezing the node
 * "encoder" trains the head alone.
 */
public final class SentenceClassifierMaker {

    private final NetTabs tabs;
    private final Prompts prompts;

    SentenceClassifierMaker(NetTabs tabs, Prompts prompts) {
        this.tabs = tabs;
        this.prompts = prompts;
    }

    /** Asks for the class labels (comma-separated) and makes the classifier. */
    public void ask() {
        TextInputDialog dialog = prompts.dressed(new TextInputDialog("positive, negative"));
        dialog.setTitle("New Sentence Classifier");
        dialog.setHeaderText("A sentence classifier made of the pretrained all-MiniLM-L6-v2: text → encoder → mean over"
                + " the tokens → Linear → Softmax. Which classes should it tell apart?");
        dialog.setContentText("Classes, separated by commas:");
        dialog.getEditor().setId("classifierLabels");
        Optional<String> answer = dialog.showAndWait();
        answer.ifPresent(text -> make(SentenceClassifier.labels(text)));
    }

    /** Builds the classifier for these classes off the UI thread and opens it in a new tab. */
    public CompletableFuture<LoadedNet> make(List<String> labels) {
        org.netstudio.app.gallery.Gallery gallery = WindowGallery.get();
        CompletableFuture<LoadedNet> built = CompletableFuture.supplyAsync(() -> SentenceClassifier.of(gallery, labels));
        built.whenComplete((net, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                prompts.error("Cannot make the sentence classifier", cause.getMessage() == null
                        ? cause.getClass().getSimpleName() : cause.getMessage());
            } else {
                tabs.add(OpenNet.untitled(net.document(), net.document().name(), net.weights().orElse(null)));
            }
        }));
        return built;
    }
}
