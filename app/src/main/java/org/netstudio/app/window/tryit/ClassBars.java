package org.netstudio.app.window.tryit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.netstudio.engine.encoding.ClassProbability;

/** The most probable classes as rows of label, bar and percentage; the first row stands out. */
final class ClassBars extends GridPane {

    private final List<String> shown = new ArrayList<>();

    ClassBars() {
        setId("tryItClasses");
        getStyleClass().add("ns-tryit-bars");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(90);
        name.setPrefWidth(150);
        name.setMaxWidth(220);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(80);
        ColumnConstraints value = new ColumnConstraints();
        value.setMinWidth(56);
        value.setHalignment(javafx.geometry.HPos.RIGHT);
        getColumnConstraints().setAll(name, bar, value);
    }

    void show(List<ClassProbability> classes) {
        getChildren().clear();
        shown.clear();
        for (int i = 0; i < classes.size(); i++) {
            ClassProbability c = classes.get(i);
            Label name = new Label(c.label());
            name.setId("tryItClass" + i);
            name.getStyleClass().add("ns-tryit-class-name");
            name.setTooltip(new Tooltip(c.label() + " (output " + c.index() + ")"));
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setMaxWidth(Double.MAX_VALUE);

            Region track = new Region();
            track.getStyleClass().add("ns-tryit-bar-track");
            Region fill = new Region();
            fill.getStyleClass().add("ns-tryit-bar-fill");
            double p = Math.max(0, Math.min(1, c.probability()));
            StackPane bar = new StackPane(track, fill);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.setMinHeight(14);
            bar.setPrefHeight(14);
            bar.setMaxHeight(14);
            track.setMaxWidth(Double.MAX_VALUE);
            // At least a sliver, so a class that is shown is visibly there.
            fill.maxWidthProperty().bind(bar.widthProperty().multiply(p).add(p > 0 ? 2 : 0));
            fill.prefWidthProperty().bind(fill.maxWidthProperty());

            Label value = new Label(percent(c.probability()));
            value.setId("tryItProbability" + i);
            value.getStyleClass().add("ns-tryit-class-value");

            if (i == 0) {
                name.getStyleClass().add("ns-tryit-top");
                fill.getStyleClass().add("ns-tryit-top");
                value.getStyleClass().add("ns-tryit-top");
            }
            addRow(i, name, bar, value);
            shown.add(c.label());
        }
    }

    /** The labels shown, most probable first. */
    List<String> labels() {
        return List.copyOf(shown);
    }

    static String percent(float p) {
        double v = 100.0 * p;
        if (v >= 99.95 || v == 0) {
            return String.format(Locale.ROOT, "%.0f%%", v);
        }
        return v < 0.1 ? "<0.1%" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
