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
        chart.setLegendSide(javafx.geometry.Side.BOTTOM);
        // The tab is small beside the curves: the table or the chart, one at a time, each with all the room.
        javafx.scene.control.ToggleGroup views = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.ToggleButton tableButton = new javafx.scene.control.ToggleButton("Table");
        tableButton.setId("layersShowTable");
        javafx.scene.control.ToggleButton chartButton = new javafx.scene.control.ToggleButton("Gradients over time");
        chartButton.setId("layersShowChart");
        tableButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chartButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        tableButton.setToggleGroup(views);
        chartButton.setToggleGroup(views);
        tableButton.setSelected(true);
        views.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
        });
        table.visibleProperty().bind(tableButton.selectedProperty());
        chart.visibleProperty().bind(chartButton.selectedProperty());
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        when.setMinWidth(0);
        HBox top = new HBox(6, when, spacer, tableButton, chartButton);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(top);
        setCenter(new javafx.scene.layout.StackPane(table, chart));
        table.getColumns().forEach(c -> c.setMinWidth(54));
        table.getColumns().get(0).setMinWidth(90);
        table.getColumns().get(table.getColumns().size() - 1).setMinWidth(140);
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
