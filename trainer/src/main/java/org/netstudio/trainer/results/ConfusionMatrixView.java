package org.netstudio.trainer.results;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.netstudio.engine.metrics.ConfusionMatrix;

/**
 * A confusion matrix as a grid: true classes down, predicted classes across, each cell showing its
 * count and shaded by it (the diagonal in the accent colour, mistakes in the error colour), with
 * each class's accuracy at the end of its row and the total in the corner.
 */
public final class ConfusionMatrixView extends GridPane {

    /** Shows a matrix. */
    public ConfusionMatrixView(ConfusionMatrix m) {
        setId("confusion-matrix");
        getStyleClass().add("confusion-matrix");
        Label corner = header("true \\ predicted");
        add(corner, 0, 0);
        // Long class names do not fit above narrow columns: number the classes and name them per row.
        boolean numbered = m.classNames().stream().anyMatch(n -> n.length() > 4);
        for (int c = 0; c < m.size(); c++) {
            Label h = header(numbered ? Integer.toString(c) : m.classNames().get(c));
            h.setTooltip(new Tooltip(m.classNames().get(c)));
            add(h, c + 1, 0);
        }
        add(header("accuracy"), m.size() + 1, 0);
        add(header("precision"), m.size() + 2, 0);
        add(header("F1"), m.size() + 3, 0);
        double max = Math.max(1, m.maxCount());
        for (int t = 0; t < m.size(); t++) {
            add(header(numbered ? t + "  " + m.classNames().get(t) : m.classNames().get(t)), 0, t + 1);
            for (int p = 0; p < m.size(); p++) {
                add(cell(m, t, p, max), p + 1, t + 1);
            }
            Label acc = new Label(Double.isNaN(m.classAccuracy(t)) ? "–"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * m.classAccuracy(t)));
            acc.getStyleClass().add("cm-accuracy");
            acc.setMinWidth(Region.USE_PREF_SIZE);
            acc.setId("class-accuracy-" + t);
            add(acc, m.size() + 1, t + 1);
            add(score(m.precision(t), "class-precision-" + t), m.size() + 2, t + 1);
            add(score(m.f1(t), "class-f1-" + t), m.size() + 3, t + 1);
        }
        Label total = new Label(String.format(Locale.ROOT, "%,d examples · macro F1 %s · weighted F1 %s", m.total(),
                decimal(m.macroF1()), decimal(m.weightedF1())));
        total.setId("confusion-total");
        total.getStyleClass().add("cm-accuracy");
        add(total, 0, m.size() + 1, m.size() + 4, 1);
    }

    /** Precision or F1 of a class, as {@code eval} prints them. */
    private static Label score(double value, String id) {
        Label l = new Label(decimal(value));
        l.getStyleClass().add("cm-accuracy");
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setId(id);
        return l;
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cm-header");
        l.setMaxWidth(120);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static StackPane cell(ConfusionMatrix m, int truth, int predicted, double max) {
        long count = m.count(truth, predicted);
        Region fill = new Region();
        fill.getStyleClass().add("cm-fill");
        if (truth != predicted) {
            fill.getStyleClass().add("wrong");
        }
        // The shade says how many, the label says exactly: opacity over the cell's plain background.
        double share = count / max;
        fill.setOpacity(count == 0 ? 0 : 0.12 + 0.88 * share);
        Label text = new Label(Long.toString(count));
        text.getStyleClass().add("cm-count");
        if (share > 0.55) {
            text.getStyleClass().add("strong");
        }
        StackPane cell = new StackPane(fill, text);
        cell.getStyleClass().add("cm-cell");
        cell.setAlignment(Pos.CENTER);
        Tooltip.install(cell, new Tooltip(count + " example(s) of '" + m.classNames().get(truth) + "' predicted as '"
                + m.classNames().get(predicted) + "'"));
        return cell;
    }
}
