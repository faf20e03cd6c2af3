package org.netstudio.trainer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.netstudio.engine.train.NodeHealth;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingLoop;

/**
 * The trainer panel's Layers tab: how each layer is doing while the net trains, measured every
 * few batches — its gradient's size, how far a step moves its weights relative to their size,
 * what its output looks like (mean, spread, share of zeros) and what is wrong, if anything — and
 * the gradient sizes of the learnable layers over the run.
 */
final class LayersPane extends BorderPane {

    private final TableView<NodeHealth> table = new TableView<>();
    private final Label when = new Label("The layers are measured while the net trains.");
    private final NumberAxis steps = new NumberAxis();
    private final NumberAxis sizes = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(steps, sizes);

    LayersPane(TrainerPanelModel model) {
        setId("layersPane");
        table.setId("layersTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Train the net to see how each layer learns."));
        table.getColumns().add(column("Layer", h -> h.node().toString()));
        table.getColumns().add(column("Type", NodeHealth::type));
        table.getColumns().add(column("Gradient", h -> number(h.gradientNorm())));
        table.getColumns().add(column("Step / weights", h -> number(h.updateRatio())));
        table.getColumns().add(column("Mean", h -> number(h.activationMean())));
        table.getColumns().add(column("Std", h -> number(h.activationStd())));
        table.getColumns().add(column("Zeros", h -> Double.isNaN(h.zeroShare()) ? ""
                : String.format(Locale.ROOT, "%.0f %%", 100 * h.zeroShare())));
        table.getColumns().add(column("Note", NodeHealth::warning));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(NodeHealth item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"),
                        !empty && item != null && !item.warning().isEmpty());
            }
        });
        when.getStyleClass().add("data-message");
        steps.setLabel("Batch");
        steps.setForceZeroInRange(false);
        sizes.setLabel("log₁₀ gradient");
        sizes.setForceZeroInRange(false);
        chart.setId("layersChart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);
        chart.setMinWidth(260);
        chart.setPrefWidth(360);
        VBox left = new VBox(4, when, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        HBox body = new HBox(8, left, chart);
        HBox.setHgrow(left, Priority.ALWAYS);
        setCenter(body);
        model.healthProperty().addListener((o, a, b) -> show(b, model));
        show(model.healthProperty().get(), model);
    }

    private void show(TrainingEvent.Health h, TrainerPanelModel model) {
        if (h == null) {
            table.getItems().clear();
            chart.getData().clear();
            when.setText("The layers are measured every " + TrainingLoop.HEALTH_EVERY + " batches while the net trains.");
            return;
        }
        table.getItems().setAll(h.nodes());
        long warnings = h.nodes().stream().filter(n -> !n.warning().isEmpty()).count();
        when.setText(String.format(Locale.ROOT, "Epoch %d, batch %d (measured every %d batches)%s", h.epoch(), h.batch(),
                TrainingLoop.HEALTH_EVERY, warnings == 0 ? "." : String.format(Locale.ROOT, "; %d %s.", warnings,
                        warnings == 1 ? "layer needs a look" : "layers need a look")));
        // One line per learnable layer: its gradient's size over the run, on a log scale.
        Map<String, XYChart.Series<Number, Number>> lines = new LinkedHashMap<>();
        for (TrainingEvent.Health past : model.healthHistory()) {
            for (NodeHealth n : past.nodes()) {
                if (Double.isFinite(n.gradientNorm()) && n.gradientNorm() > 0) {
                    XYChart.Series<Number, Number> s = lines.computeIfAbsent(n.node().toString(), k -> {
                        XYChart.Series<Number, Number> series = new XYChart.Series<>();
                        series.setName(k);
                        return series;
                    });
                    s.getData().add(new XYChart.Data<>(past.step(), Math.log10(n.gradientNorm())));
                }
            }
        }
        chart.getData().setAll(lines.values());
    }

    private static TableColumn<NodeHealth, String> column(String title, java.util.function.Function<NodeHealth, String> f) {
        TableColumn<NodeHealth, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** The rows shown now, for tests. */
    java.util.List<NodeHealth> rows() {
        return java.util.List.copyOf(table.getItems());
    }
}
