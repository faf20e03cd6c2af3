package org.netstudio.app.window.tryit;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The cosine similarity of every two sentences as a grid of numbered cells, each filled with the
 * accent colour as strongly as the sentences are similar (negative values in the danger colour).
 */
final class SimilarityMatrix extends GridPane {

    private static final double CELL = 58;

    SimilarityMatrix() {
        setId("tryItMatrix");
        getStyleClass().add("ns-tryit-matrix");
    }

    void clear() {
        getChildren().clear();
    }

    void show(List<String> sentences, double[][] similarities) {
        getChildren().clear();
        int n = sentences.size();
        for (int j = 0; j < n; j++) {
            Label head = new Label(Integer.toString(j + 1));
            head.getStyleClass().add("ns-tryit-matrix-head");
            head.setTooltip(new Tooltip(sentences.get(j)));
            head.setMinWidth(CELL);
            head.setAlignment(Pos.CENTER);
            add(head, j + 1, 0);
        }
        for (int i = 0; i < n; i++) {
            Label head = new Label(Integer.toString(i + 1));
            head.getStyleClass().add("ns-tryit-matrix-head");
            head.setTooltip(new Tooltip(sentences.get(i)));
            head.setMinHeight(CELL * 0.62);
            add(head, 0, i + 1);
            for (int j = 0; j < n; j++) {
                add(cell(sentences, similarities[i][j], i, j), j + 1, i + 1);
            }
        }
    }

    private static StackPane cell(List<String> sentences, double s, int i, int j) {
        Region heat = new Region();
        heat.getStyleClass().addAll("ns-tryit-heat", s < 0 ? "ns-tryit-heat-negative" : "ns-tryit-heat-positive");
        double strength = Math.min(1, Math.abs(s));
        heat.setOpacity(0.08 + 0.87 * strength);
        Label value = new Label(String.format(Locale.ROOT, "%.2f", s));
        value.setId("tryItSim-" + i + "-" + j);
        value.getStyleClass().add(strength > 0.55 ? "ns-tryit-heat-strong" : "ns-tryit-heat-weak");
        StackPane cell = new StackPane(heat, value);
        cell.getStyleClass().add("ns-tryit-cell");
        cell.setMinSize(CELL, CELL * 0.62);
        cell.setPrefSize(CELL, CELL * 0.62);
        Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT, "%.4f  ·  “%s” and “%s”", s,
                sentences.get(i), sentences.get(j))));
        return cell;
    }
}
