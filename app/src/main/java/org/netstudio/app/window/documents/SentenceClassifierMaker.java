package org.netstudio.app.window.documents;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.GalleryWeights;
import org.netstudio.app.gallery.SentenceClassifier;
import org.netstudio.app.gallery.WeightsDownload;
import org.netstudio.netgraph.io.LoadedNet;

/**
 * Net › New Sentence Classifier…: asks for the encoder (the gallery's sentence encoders: all-MiniLM-L6-v2,
 * or a downloaded one) and the classes, then opens a sentence classifier made of it
 * ({@link SentenceClassifier}) in a new tab, built on a background thread. The trainer panel fine-tunes it on a table of labelled sentences; freezing the node
 * "encoder" trains the head alone.
 */
public final class SentenceClassifierMaker {

    private final NetTabs tabs;
    private final Prompts prompts;

    SentenceClassifierMaker(NetTabs tabs, Prompts prompts) {
        this.tabs = tabs;
        this.prompts = prompts;
    }

    /** Asks for the encoder and the class labels (comma-separated) and makes the classifier. */
    public void ask() {
        Gallery gallery = WindowGallery.get();
        GalleryWeights cache = gallery.downloads();
        ComboBox<GalleryEntry> encoder = new ComboBox<>();
        encoder.setId("classifierEncoder");
        gallery.sentenceEncoders().forEach(id -> encoder.getItems().add(gallery.find(id).orElseThrow()));
        encoder.setConverter(new StringConverter<>() {
            @Override
            public String toString(GalleryEntry e) {
                if (e == null) {
                    return "";
                }
                String state = e.weightsDownload().isEmpty() ? "included" : cache.cached(e).isPresent() ? "downloaded"
                        : "download first: " + WeightsDownload.size(e.weightsDownload().get().bytes());
                return e.name() + " (" + state + ")";
            }

            @Override
            public GalleryEntry fromString(String text) {
                return null;
            }
        });
        encoder.getSelectionModel().select(gallery.find(SentenceClassifier.ENCODER_ID).orElse(encoder.getItems().get(0)));
        TextField labels = new TextField("positive, negative");
        labels.setId("classifierLabels");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Encoder:"), encoder);
        form.addRow(1, new Label("Classes, separated by commas:"), labels);
        GridPane.setHgrow(labels, Priority.ALWAYS);
        Dialog<ButtonType> dialog = prompts.dressed(new Dialog<>());
        dialog.setTitle("New Sentence Classifier");
        dialog.setHeaderText("A sentence classifier made of a pretrained sentence encoder: text → encoder → its tokens"
                + " pooled as the encoder pools them → Linear → Softmax. Which classes should it tell apart?");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Platform.runLater(labels::requestFocus);
        dialog.showAndWait().filter(b -> b == ButtonType.OK)
                .ifPresent(b -> make(encoder.getValue().id(), SentenceClassifier.labels(labels.getText())));
    }

    /** Builds the classifier of all-MiniLM-L6-v2 for these classes off the UI thread and opens it in a new tab. */
    public CompletableFuture<LoadedNet> make(List<String> labels) {
        return make(SentenceClassifier.ENCODER_ID, labels);
    }

    /** Builds the classifier of the gallery's sentence encoder {@code encoderId} for these classes, as above. */
    public CompletableFuture<LoadedNet> make(String encoderId, List<String> labels) {
        Gallery gallery = WindowGallery.get();
        return tabs.addInBackground(() -> SentenceClassifier.of(gallery, encoderId, labels),
                "Cannot make the sentence classifier",
                net -> tabs.add(OpenNet.untitled(net.document(), net.document().name(), net.weights().orElse(null))));
    }
}
