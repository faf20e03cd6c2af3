package org.netstudio.inspector.arrays;

import javafx.collections.ObservableList;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.params.ParamText;
import org.netstudio.inspector.widgets.Views;
import org.netstudio.netgraph.summary.SummaryTable;

/**
 * The learnable and state arrays of the selected layer: name, shape, number of values and whether
 * training changes them; with trained weights, their mean, standard deviation, extremes and a
 * histogram.
 */
public final class ArraysView extends VBox {

    public ArraysView(ObservableList<ArrayRow> rows) {
        getStyleClass().add("arrays");
        Views.showEach(this, rows, this::block, Views.sentence("This layer has no learnable arrays.", "section-note"));
    }

    private VBox block(ArrayRow a) {
        Label name = Views.label(a.name(), "array-name");
        Label flag = Views.label(a.trainable() ? "trainable" : "state", "array-flag",
                a.trainable() ? "flag-trainable" : "flag-state");
        flag.setMinWidth(Region.USE_PREF_SIZE);
        flag.setTooltip(Views.tip(a.trainable() ? "Learned by training."
                : "Not trained: updated while training (e.g. moving statistics) and counted as non-trainable."));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(name, spacer, flag);
        line.getStyleClass().add("array-line");
        Label shape = Views.label(a.shape(), "array-shape", "code");
        shape.setId("array-shape-" + a.name());
        Label size = Views.label(a.size() < 0 ? "size not known yet"
                : SummaryTable.count(a.size()) + (a.size() == 1 ? " value" : " values"), "array-size");
        size.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox second = new HBox(shape, gap, size);
        second.getStyleClass().add("array-line");
        VBox block = new VBox(line, second);
        block.setId("array-" + a.name());
        block.getStyleClass().add("array-block");
        if (a.stats() != null) {
            block.getChildren().add(stats(a.stats()));
        }
        if (!a.note().isEmpty()) {
            block.getChildren().add(Views.sentence(a.note(), "field-error"));
        }
        return block;
    }

    private VBox stats(ArrayStatistics s) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("stats-grid");
        for (int i = 0; i < 4; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(25);
            c.setHalignment(HPos.LEFT);
            grid.getColumnConstraints().add(c);
        }
        String[] names = {"mean", "std", "min", "max"};
        double[] values = {s.mean(), s.std(), s.min(), s.max()};
        for (int i = 0; i < 4; i++) {
            grid.add(Views.label(names[i], "stat-name"), i, 0);
            Label v = Views.label(number(values[i]), "stat-value", "code");
            v.setId("stat-" + names[i]);
            grid.add(v, i, 1);
        }
        HistogramView histogram = new HistogramView(s.bins());
        Label from = Views.label(number(s.min()), "histogram-axis");
        Label to = Views.label(number(s.max()), "histogram-axis");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox axis = new HBox(from, spacer, to);
        VBox box = new VBox(grid, histogram, axis);
        box.getStyleClass().add("array-stats");
        if (s.nonFinite() > 0) {
            box.getChildren().add(Views.sentence(SummaryTable.count(s.nonFinite())
                    + " values are NaN or infinite and are left out.", "field-error"));
        }
        return box;
    }

    /** Three significant digits: 0.0123, -1.53, 1.2e-5. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return ParamText.formatReal(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue());
        }
        return String.format(java.util.Locale.ROOT, "%.2e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
    }
}
