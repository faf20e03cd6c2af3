package org.netstudio.trainer;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.trainer.boundary.ClassColors;
import org.netstudio.trainer.data.ImageShape;
import org.netstudio.trainer.data.ImageTiles;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.results.ConfusionMatrixView;
import org.netstudio.trainer.results.Misclassified;
import org.netstudio.trainer.results.Outcome;
import org.netstudio.trainer.results.PredictedVsTrueView;

/**
 * What a training produced: how it ended, the best epoch and its metrics, the time; for
 * classification the confusion matrix with per-class accuracy and some misclassified examples;
 * and the actions "Use these weights" and "Export history as CSV".
 */
public final class ResultsPane extends ScrollPane {

    private final TrainerPanelModel model;
    private final VBox content = new VBox();

    /** A pane following the model's outcome. */
    public ResultsPane(TrainerPanelModel model) {
        this.model = model;
        getStyleClass().add("results-pane");
        content.getStyleClass().add("results-content");
        setContent(content);
        setFitToWidth(true);
        model.outcomeProperty().addListener((o, was, now) -> show(now));
        show(model.outcomeProperty().get());
    }

    private void show(Outcome outcome) {
        content.getChildren().clear();
        if (outcome == null) {
            Label none = new Label("Results appear here when training finishes or is stopped.");
            none.getStyleClass().add("placeholder");
            content.getChildren().add(none);
            return;
        }
        TrainingResult r = outcome.result();
        Label headline = new Label(headline(r));
        headline.setId("result-headline");
        headline.getStyleClass().add("result-headline");
        headline.setWrapText(true);
        content.getChildren().addAll(headline, summary(outcome), actions(r.bestEpoch() > 0));
        outcome.confusion().ifPresent(m -> {
            content.getChildren().add(label("Confusion matrix · " + outcome.evaluatedOn(), "section-title"));
            content.getChildren().add(new ConfusionMatrixView(m));
        });
        if (outcome.predictions().size() > 0) {
            content.getChildren().add(label("Predictions · " + outcome.evaluatedOn(), "section-title"));
            content.getChildren().add(new PredictedVsTrueView(outcome.predictions()));
        }
        if (!outcome.misclassified().isEmpty()) {
            content.getChildren().add(label("Misclassified examples", "section-title"));
            content.getChildren().add(misclassified(outcome));
        }
    }

    private static String headline(TrainingResult r) {
        return switch (r.stopReason()) {
            case COMPLETED -> "Training completed";
            case STOPPED -> "Training stopped · the best net so far is kept";
            case EARLY_STOPPED -> "Stopped early: validation loss no longer improved";
            case FAILED -> "Training failed: " + r.message();
        };
    }

    private GridPane summary(Outcome outcome) {
        TrainingResult r = outcome.result();
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(2);
        int row = 0;
        row = pair(grid, row, "Best epoch", r.bestEpoch() > 0
                ? r.bestEpoch() + " of " + r.epochsCompleted() + " completed" : "none completed", "result-best-epoch");
        if (r.finalMetrics().isPresent()) {
            EpochMetrics m = r.finalMetrics().get();
            row = pair(grid, row, "Training", m.training().describe(), "result-training");
            if (m.validation().isPresent()) {
                row = pair(grid, row, "Validation", m.validation().get().describe(), "result-validation");
            }
            String measures = m.validation().orElse(m.training()).describeMeasures();
            if (!measures.isEmpty()) {
                row = pair(grid, row, m.validation().isPresent() ? "Validation measures" : "Training measures", measures,
                        "result-measures");
            }
        }
        if (outcome.confusion().isPresent()) {
            row = pair(grid, row, "Accuracy of the net", String.format(Locale.ROOT, "%.1f%% on %s",
                    100 * outcome.confusion().get().accuracy(), outcome.evaluatedOn()), "result-accuracy");
        }
        pair(grid, row, "Time", String.format(Locale.ROOT, "%.1f s · %,.0f samples/s · %,d updates",
                r.totalSeconds(), r.samplesPerSecond(), r.batches()), "result-time");
        return grid;
    }

    private static int pair(GridPane grid, int row, String key, String value, String id) {
        Label k = new Label(key);
        k.getStyleClass().add("result-key");
        // The names keep their width; a long value (the measures) wraps instead.
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add("result-value");
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    private HBox actions(boolean learnt) {
        Button use = new Button("Use these weights");
        use.setId("use-weights");
        use.setDefaultButton(false);
        // A run that failed before its first epoch ended learnt nothing: its weights are the net's own.
        use.setDisable(!learnt);
        if (!learnt) {
            use.setTooltip(new javafx.scene.control.Tooltip("No epoch completed, so there are no trained weights."));
        }
        use.setOnAction(e -> model.useWeights());
        Button export = new Button("Export history as CSV…");
        export.setId("export-history");
        export.setOnAction(e -> export());
        return new HBox(8, use, export);
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the training history");
        chooser.setInitialFileName("training-history.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                model.exportHistory(file.toPath());
            } catch (IOException e) {
                content.getChildren().add(1, label("The history could not be written: " + e.getMessage(), "field-message"));
            }
        }
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private Node misclassified(Outcome outcome) {
        FlowPane tiles = new FlowPane(6, 6);
        tiles.setId("misclassified");
        LoadedData data = model.dataProperty().get();
        List<String> names = outcome.confusion().orElseThrow().classNames();
        ImageShape shape = data == null ? null : data.image().orElse(null);
        for (Misclassified m : outcome.misclassified()) {
            String caption = names.get(m.predicted()) + "\ntrue: " + names.get(m.truth());
            if (shape != null && m.features().length == shape.length()) {
                VBox tile = ImageTiles.tile(m.features(), shape, caption, 56);
                tile.getChildren().get(1).getStyleClass().add("wrong");
                tiles.getChildren().add(tile);
            } else {
                tiles.getChildren().add(point(m, "predicted " + caption.replace("\n", ", ")));
            }
        }
        return tiles;
    }

    /** A misclassified point: its coordinates and a swatch of the predicted class's colour. */
    private static Node point(Misclassified m, String caption) {
        StringBuilder coords = new StringBuilder("(");
        for (int i = 0; i < Math.min(3, m.features().length); i++) {
            coords.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", m.features()[i]));
        }
        coords.append(m.features().length > 3 ? ", …)" : ")");
        javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(5, ClassColors.point(m.truth()));
        dot.setStroke(ClassColors.point(m.predicted()));
        dot.setStrokeWidth(2.5);
        Label text = new Label(coords + "  " + caption);
        text.getStyleClass().add("tile-label");
        HBox tile = new HBox(6, dot, text);
        tile.getStyleClass().add("image-tile");
        return tile;
    }
}
