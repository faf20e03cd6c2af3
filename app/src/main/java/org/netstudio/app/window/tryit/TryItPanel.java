package org.netstudio.app.window.tryit;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.Window;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.run.TryableInput;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * Try It: the net in front run on the user's own input, with the weights its tab holds (or seeded
 * initial values, said so at the top). It shows the image view, the sentence view, or a sentence
 * saying what the net takes that Try It cannot give yet; all runs happen on a background thread
 * with a busy indicator. Follows the net in front through {@link #follow(OpenNet)}.
 */
public final class TryItPanel extends BorderPane {

    private final TryItJobs jobs = new TryItJobs();
    private final Label title = new Label("No net open");
    private final Label kind = new Label();
    private final Label weightsNote = new Label("Untrained weights");
    private final HBox busy;
    private final ImageTryView imageView;
    private final SentenceTryView sentenceView;
    private final TextTryView textView;
    private final Label message = new Label();
    private final Label messageDetail = new Label();
    private final StackPane messageView;
    private OpenNet net;
    private NetNode shownNet;
    private Weights shownWeights;
    private boolean active;
    private TrySubject subject;

    public TryItPanel(Supplier<Window> owner) {
        setId("tryItPanel");
        getStyleClass().add("ns-tryit");
        imageView = new ImageTryView(jobs, owner);
        sentenceView = new SentenceTryView(jobs);
        textView = new TextTryView(jobs);

        title.setId("tryItTitle");
        title.getStyleClass().add("ns-tryit-title");
        kind.setId("tryItKind");
        kind.getStyleClass().add("ns-tryit-kind");
        kind.managedProperty().bind(kind.visibleProperty());
        weightsNote.setId("tryItWeightsNote");
        weightsNote.getStyleClass().add("ns-tryit-warning");
        weightsNote.setTooltip(new Tooltip("This net holds no trained weights: it runs with seeded initial values,"
                + " so what it says means nothing yet. Train it, or open a pretrained net."));
        weightsNote.managedProperty().bind(weightsNote.visibleProperty());
        weightsNote.setVisible(false);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.setMaxSize(18, 18);
        Label running = new Label("Running…");
        running.getStyleClass().add("ns-tryit-muted");
        busy = new HBox(6, spinner, running);
        busy.setId("tryItBusy");
        busy.setAlignment(Pos.CENTER_RIGHT);
        busy.visibleProperty().bind(jobs.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, kind, weightsNote, spacer, busy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("ns-tryit-header");
        setTop(header);

        message.setId("tryItMessage");
        message.getStyleClass().add("ns-placeholder-title");
        message.setWrapText(true);
        message.setTextAlignment(TextAlignment.CENTER);
        messageDetail.setId("tryItMessageDetail");
        TryItLabels.wrapped(messageDetail, "ns-placeholder-hint");
        messageDetail.setTextAlignment(TextAlignment.CENTER);
        VBox text = new VBox(6, message, messageDetail);
        text.setAlignment(Pos.CENTER);
        text.setMaxWidth(460);
        text.setMaxHeight(Region.USE_PREF_SIZE);
        messageView = new StackPane(text);
        messageView.getStyleClass().add("ns-tryit-message");
        imageView.getStyleClass().add("ns-tryit-body");
        sentenceView.getStyleClass().add("ns-tryit-body");
        textView.getStyleClass().add("ns-tryit-body");

        // An image dropped anywhere on the panel is tried, when the net takes images.
        setOnDragOver(e -> {
            if (subject != null && subject.input() instanceof TryableInput.Image && subject.problem().isEmpty()
                    && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            boolean ok = !files.isEmpty() && getCenter() == imageView;
            if (ok) {
                imageView.tryImage(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        follow(null);
    }

    /** Where "Choose Image…" asks for a file (tests give their own). */
    public void setImagePicker(ImagePicker picker) {
        imageView.setPicker(picker);
    }

    /**
     * Follows a net: the one in front (null on the Start page). Called again when that net's
     * document or weights change; the panel looks at it only while it is shown.
     */
    public void follow(OpenNet openNet) {
        net = openNet;
        refresh();
    }

    /** Whether the panel is on screen: while it is not, it does not look at the net (a large net costs to inspect). */
    public void setActive(boolean shown) {
        active = shown;
        if (shown) {
            refresh();
        } else {
            releaseAll();
        }
    }

    /** Frees the nets the views loaded (a net loaded for another tab can be large: MiniLM is 90 MB). */
    private void releaseAll() {
        imageView.release();
        sentenceView.release();
        textView.release();
    }

    /**
     * For a program that ends: frees the nets the views loaded, after the runs already asked for.
     * Call on the FX thread.
     *
     * @return completes once Try It holds no net and runs nothing
     */
    public CompletableFuture<Void> close() {
        releaseAll();
        CompletableFuture<Void> done = new CompletableFuture<>();
        jobs.later(() -> done.complete(null));
        return done;
    }

    /** Runs the net in front on an image file, as choosing or dropping it does. */
    public void tryImage(Path file) {
        if (getCenter() == imageView) {
            imageView.tryImage(file);
        }
    }

    /** The class labels shown for the last image, most probable first (empty before one). */
    public List<String> shownClasses() {
        return imageView.shownClasses();
    }

    /** Continues the prompt (or classifies the text) shown, as pressing Generate (Classify) does. */
    public void runText(String text) {
        if (getCenter() == textView) {
            textView.setInput(text);
            textView.runNow();
        }
    }

    /** The text the net in front generated last, prompt included (empty before one). */
    public String generatedText() {
        return textView.generatedText();
    }

    /** The classes shown for the last text, most probable first (empty before one). */
    public List<String> shownTextClasses() {
        return textView.shownClasses();
    }

    /** Where in the text the net found its most probable class, as shown; null when none is. */
    public org.netstudio.app.run.TextAttribution shownTextHighlights() {
        return textView.shownHighlights();
    }

    /** The net's title shown at the top. */
    public String shownTitle() {
        return title.getText();
    }

    /** Whether work is queued or running. */
    public boolean isBusy() {
        return jobs.busyProperty().get();
    }

    /** The sentence shown in place of a view (no net, unsupported input, a net that does not check), if any. */
    public Optional<String> shownMessage() {
        return getCenter() == messageView ? Optional.of(messageDetail.getText()) : Optional.empty();
    }

    private void refresh() {
        if (net == null) {
            shownNet = null;
            shownWeights = null;
            subject = null;
            title.setText("No net open");
            kind.setVisible(false);
            weightsNote.setVisible(false);
            showMessage("No net open", "Open a net, or one of the gallery's pretrained nets, to try it on your own input.");
            return;
        }
        title.setText(net.title());
        if (!active) {
            return;
        }
        NetNode n = net.document().net();
        Weights w = net.weights().orElse(null);
        if (n == shownNet && w == shownWeights && subject != null) {
            return;
        }
        shownNet = n;
        shownWeights = w;
        subject = TrySubject.of(net.title(), n, w, net.file().orElse(null));
        weightsNote.setVisible(subject.untrained() && !(subject.input() instanceof TryableInput.Unsupported));
        if (subject.input() instanceof TryableInput.Unsupported u) {
            kind.setVisible(false);
            releaseAll();
            showMessage("Try It cannot feed this net yet", u.reason());
        } else if (w != null && org.netstudio.netgraph.io.NonFiniteValues.describe(w).isPresent()) {
            // As netstudio predict refuses: what such weights compute is no number.
            kind.setVisible(false);
            releaseAll();
            showMessage("This net's weights are not numbers", "Its " + org.netstudio.netgraph.io.NonFiniteValues
                    .describe(w).get() + " (training diverged?), so it would answer nothing but NaN. Train it again,"
                    + " or open weights that hold numbers.");
        } else if (subject.problem().isPresent()) {
            kind.setVisible(false);
            releaseAll();
            showMessage("This net does not check", "It cannot run until it does: " + subject.problem().get()
                    + " (Net › Check lists every problem.)");
        } else if (subject.input() instanceof TryableInput.Image) {
            kind.setText("Image classifier");
            kind.setVisible(true);
            setCenter(imageView);
            sentenceView.release();
            textView.release();
            imageView.show(subject);
        } else if (subject.input() instanceof TryableInput.Text text) {
            kind.setText(text.generates() ? "Text generator" : "Text classifier");
            kind.setVisible(true);
            setCenter(textView);
            imageView.release();
            sentenceView.release();
            textView.show(subject, text);
        } else {
            kind.setText("Sentence encoder");
            kind.setVisible(true);
            setCenter(sentenceView);
            imageView.release();
            textView.release();
            sentenceView.show(subject);
        }
    }

    private void showMessage(String heading, String detail) {
        message.setText(heading);
        messageDetail.setText(detail);
        setCenter(messageView);
    }
}
