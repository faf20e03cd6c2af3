package org.netstudio.app.window.tryit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.run.Embeddings;
import org.netstudio.app.run.SentenceEmbedder;
import org.netstudio.app.window.documents.WindowGallery;
import org.netstudio.netgraph.io.Weights;

/**
 * Try It for a sentence encoder: sentences the user edits (three examples to start with), Embed,
 * and the cosine similarity of every two as a heat-coloured matrix with the embedding's length.
 */
final class SentenceTryView extends BorderPane {

    /** Two sentences about one thing and one about another: the matrix shows the difference at once. */
    static final List<String> EXAMPLES = List.of(
            "A man is playing a guitar on stage.",
            "Someone strums an acoustic guitar in front of an audience.",
            "The central bank raised interest rates again.");

    private final TryItJobs jobs;
    private final LoadedNets<SentenceEmbedder> loaded = new LoadedNets<>();
    private final VBox rows = new VBox(6);
    private final List<TextField> fields = new ArrayList<>();
    private final SimilarityMatrix matrix = new SimilarityMatrix();
    private final Label matrixHint = new Label("Press Embed to compare every two sentences.");
    private final Label dimension = new Label();
    private final ErrorLine error = new ErrorLine("tryItSentenceError");
    private final Button embed = new Button("Embed");
    private TrySubject subject;
    private long serial;

    SentenceTryView(TryItJobs jobs) {
        this.jobs = jobs;
        getStyleClass().add("ns-tryit-sentences");

        Label heading = TryItLabels.heading("Sentences");
        Button add = new Button("Add Sentence");
        add.setId("tryItAddSentence");
        add.setOnAction(e -> addRow("").requestFocus());
        embed.setId("tryItEmbed");
        embed.getStyleClass().add("ns-primary");
        embed.setDefaultButton(true);
        embed.setOnAction(e -> embedNow());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, add, spacer, embed);
        actions.setAlignment(Pos.CENTER_LEFT);
        // The buttons follow the last sentence, so adding one and embedding stay side by side.
        VBox list = new VBox(12, rows, actions);
        list.getStyleClass().add("ns-tryit-sentence-list");
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("ns-tryit-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox left = new VBox(10, heading, scroll);
        left.getStyleClass().add("ns-tryit-column");
        left.setPrefWidth(440);
        left.setMinWidth(280);
        HBox.setHgrow(left, Priority.ALWAYS);

        dimension.setId("tryItDimension");
        TryItLabels.wrapped(dimension, "ns-tryit-muted").setMaxWidth(300);
        VBox result = new VBox(12, matrix, dimension);
        ScrollPane matrixScroll = new ScrollPane(result);
        matrixScroll.getStyleClass().add("ns-tryit-scroll");
        VBox.setVgrow(matrixScroll, Priority.ALWAYS);
        VBox right = new VBox(10, TryItLabels.heading("Cosine similarity"),
                TryItLabels.wrapped(matrixHint, "ns-placeholder-hint"), matrixScroll);
        right.getStyleClass().add("ns-tryit-column");
        right.setMinWidth(240);
        right.setPrefWidth(300);
        right.setMaxWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(right, Priority.NEVER);

        setCenter(new HBox(24, left, right));
        setBottom(error);
        EXAMPLES.forEach(this::addRow);
    }

    /** The net in front changed: what it showed was another net's, so it is cleared; the sentences stay. */
    void show(TrySubject s) {
        if (subject == null || s.net() != subject.net() || s.weights() != subject.weights()) {
            serial++;
            matrix.clear();
            matrixHint.setVisible(true);
            matrixHint.setManaged(true);
            dimension.setText("");
            error.setVisible(false);
        }
        subject = s;
    }

    /** The sentences as written, empty rows left out. */
    List<String> sentences() {
        return fields.stream().map(TextField::getText).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** Embeds the sentences with the net in front. */
    void embedNow() {
        TrySubject s = subject;
        List<String> texts = sentences();
        if (s == null) {
            return;
        }
        if (texts.isEmpty()) {
            showError("Write at least one sentence to embed.");
            return;
        }
        long mine = ++serial;
        jobs.submitLatest(() -> loaded.get(s.net(), s.weights(), () -> {
                    Gallery gallery = WindowGallery.get();
                    // A tab opened before its encoder's download embeds with the model once it is downloaded.
                    Weights weights = s.weights() != null ? s.weights() : gallery.downloadedWeights(s.net()).orElse(null);
                    return SentenceEmbedder.load(s.net(), weights, gallery.recipe(s.net(), s.weights()));
                }).embed(texts), () -> mine == serial, this::showEmbeddings, this::showError);
    }

    void release() {
        jobs.later(loaded::clear);
    }

    private TextField addRow(String text) {
        TextField field = new TextField(text);
        field.setPromptText("A sentence");
        field.setOnAction(e -> embedNow());
        HBox.setHgrow(field, Priority.ALWAYS);
        Label number = new Label();
        number.getStyleClass().add("ns-tryit-row-number");
        number.setMinWidth(18);
        Button remove = new Button("×");
        remove.getStyleClass().add("ns-tryit-remove");
        remove.setTooltip(new Tooltip("Remove this sentence"));
        remove.setFocusTraversable(false);
        HBox row = new HBox(6, number, field, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        remove.setOnAction(e -> {
            fields.remove(field);
            rows.getChildren().remove(row);
            renumber();
        });
        fields.add(field);
        rows.getChildren().add(row);
        renumber();
        return field;
    }

    private void renumber() {
        for (int i = 0; i < fields.size(); i++) {
            fields.get(i).setId("tryItSentence" + i);
            HBox row = (HBox) rows.getChildren().get(i);
            ((Label) row.getChildren().get(0)).setText(Integer.toString(i + 1));
        }
    }

    private void showEmbeddings(Embeddings e) {
        error.setVisible(false);
        matrixHint.setVisible(false);
        matrixHint.setManaged(false);
        matrix.show(e.sentences(), e.similarities());
        dimension.setText(String.format(Locale.ROOT, "%d sentence%s embedded as %d values each (unit length);"
                + " hover a cell to read its pair.", e.sentences().size(), e.sentences().size() == 1 ? "" : "s",
                e.dimension()));
    }

    private void showError(String sentence) {
        error.say(sentence);
    }
}
