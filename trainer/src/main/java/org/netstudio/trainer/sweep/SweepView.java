package org.netstudio.trainer.sweep;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.netstudio.engine.sweep.Sampling;
import org.netstudio.engine.sweep.Trial;
import org.netstudio.engine.sweep.TrialResult;

/**
 * The sweep view: the rows to vary (a name, its values, log scale), the budget, sampling and trials
 * at once, Start / Stop / Use best, the live table (the best trial marked ★) and the scatter plot.
 * Binds to a {@link SweepModel}.
 */
public final class SweepView extends VBox {

    private final SweepModel model;
    private final GridPane variedGrid = new GridPane();
    private final TableView<TrialResult> table = new TableView<>();
    private final SweepPlotView plot = new SweepPlotView();
    private final ChoiceBox<String> plotOf = new ChoiceBox<>();

    /** A view of a model. */
    public SweepView(SweepModel model) {
        this.model = model;
        setId("sweep-view");
        getStyleClass().add("sweep-view");
        setSpacing(6);
        setPadding(new Insets(8));
        model.settings().varied().addListener((ListChangeListener<VariedRow>) c -> showVaried());
        showVaried();
        Label message = new Label();
        message.setId("sweep-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        table.setId("sweep-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Each trial appears here as it ends."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TrialResult item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("best-trial");
                if (!empty && item != null && model.bestRow().orElse(null) == item) {
                    getStyleClass().add("best-trial");
                }
            }
        });
        model.namesProperty().addListener((o, was, now) -> columns(now));
        columns(model.namesProperty().get());
        plotOf.setId("sweep-plot-of");
        model.namesProperty().addListener((o, was, now) -> {
            plotOf.getItems().setAll(now);
            if (!now.isEmpty()) {
                plotOf.getSelectionModel().select(0);
            }
        });
        plotOf.valueProperty().addListener((o, was, now) -> refresh());
        model.rows().addListener((ListChangeListener<TrialResult>) c -> refresh());
        // When the sweep ends, its best trial is in sight.
        model.bestProperty().addListener((o, was, now) -> {
            if (now != null) {
                table.scrollTo(now.result());
            }
        });
        plot.setPrefHeight(220);
        plot.setMinHeight(160);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(toolbar(), variedGrid, budget(), message, table, new HBox(6, new Label("Plot"), plotOf),
                plot);
    }

    private HBox toolbar() {
        Button start = new Button("Start sweep");
        start.setId("sweep-start");
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.setId("sweep-stop");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Button use = new Button("Use best");
        use.setId("sweep-use-best");
        use.disableProperty().bind(model.bestProperty().isNull().or(model.runningProperty()));
        use.setOnAction(e -> model.useBest());
        Label progress = new Label();
        progress.setId("sweep-progress");
        progress.textProperty().bind(Bindings.createStringBinding(() -> model.rows().isEmpty() && !model.runningProperty()
                .get() ? "" : model.rows().size() + " of " + model.planned() + " trials", model.rows(),
                model.runningProperty()));
        HBox bar = new HBox(6, start, stop, use, progress);
        bar.getStyleClass().add("trainer-toolbar");
        return bar;
    }

    private void showVaried() {
        variedGrid.getChildren().clear();
        variedGrid.setHgap(6);
        variedGrid.setVgap(4);
        variedGrid.setId("sweep-varied");
        variedGrid.addRow(0, new Label("Vary"), new Label("Values (LOW..HIGH or a,b,c)"), new Label("Log"));
        List<VariedRow> rows = model.settings().varied();
        for (int i = 0; i < rows.size(); i++) {
            VariedRow row = rows.get(i);
            ComboBox<String> name = new ComboBox<>();
            name.setId("sweep-name-" + i);
            name.setEditable(true);
            name.setPrefWidth(150);
            name.setOnShowing(e -> name.getItems().setAll(model.variableNames()));
            name.getEditor().textProperty().bindBidirectional(row.nameProperty());
            name.valueProperty().addListener((o, was, now) -> {
                if (now != null) {
                    row.nameProperty().set(now);
                }
            });
            TextField values = new TextField();
            values.setId("sweep-values-" + i);
            values.setPromptText("1e-4..1e-1 or 16,32,64");
            values.textProperty().bindBidirectional(row.valuesProperty());
            GridPane.setHgrow(values, Priority.ALWAYS);
            CheckBox log = new CheckBox();
            log.setId("sweep-log-" + i);
            log.selectedProperty().bindBidirectional(row.logProperty());
            Button remove = new Button("−");
            remove.setId("sweep-remove-" + i);
            remove.setOnAction(e -> model.settings().varied().remove(row));
            variedGrid.addRow(i + 1, name, values, log, remove);
        }
        Button add = new Button("+ Vary");
        add.setId("sweep-add");
        add.setOnAction(e -> model.settings().varied().add(new VariedRow("", "", false)));
        variedGrid.add(add, 0, rows.size() + 1);
    }

    private VBox budget() {
        Spinner<Integer> trials = new Spinner<>(1, 1000, model.settings().trials().get());
        trials.setId("sweep-trials");
        trials.setEditable(true);
        trials.setPrefWidth(80);
        trials.valueProperty().addListener((o, was, now) -> model.settings().trials().set(now));
        ChoiceBox<Sampling> sampling = new ChoiceBox<>();
        sampling.setId("sweep-sampling");
        sampling.getItems().setAll(Sampling.values());
        sampling.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Sampling s) {
                return s == null ? "" : s == Sampling.GRID ? "Grid" : "Random";
            }

            @Override
            public Sampling fromString(String s) {
                return "Grid".equals(s) ? Sampling.GRID : Sampling.RANDOM;
            }
        });
        sampling.valueProperty().bindBidirectional(model.settings().sampling());
        Spinner<Integer> parallel = new Spinner<>(1, 16, model.settings().parallel().get());
        parallel.setId("sweep-parallel");
        parallel.setPrefWidth(70);
        parallel.valueProperty().addListener((o, was, now) -> model.settings().parallel().set(now));
        CheckBox pruning = new CheckBox("Stop bad trials early");
        pruning.setId("sweep-pruning");
        pruning.setTooltip(new javafx.scene.control.Tooltip("From epoch 2 on, stop a trial that validates worse than the "
                + "median of the other trials at the same epoch"));
        pruning.selectedProperty().bindBidirectional(model.settings().pruning());
        HBox box = new HBox(6, new Label("Trials"), trials, new Label("Sampling"), sampling, new Label("At once"), parallel);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, box, pruning);
    }

    private void columns(List<String> names) {
        table.getColumns().clear();
        table.getColumns().add(column("Trial", r -> (model.bestRow().orElse(null) == r ? "★ " : "")
                + r.trial().number()));
        for (String name : names) {
            table.getColumns().add(column(name, r -> Trial.format(r.trial().values().get(name))));
        }
        table.getColumns().add(column("Val loss", r -> r.ranked()
                ? String.format(Locale.ROOT, "%.4f", r.validationLoss()) : "–"));
        table.getColumns().add(column("Val acc", r -> r.validationAccuracy().isPresent()
                ? String.format(Locale.ROOT, "%.1f%%", 100 * r.validationAccuracy().getAsDouble()) : "–"));
        table.getColumns().add(column("Epochs", r -> Integer.toString(r.epochs())));
        table.getColumns().add(column("Status", r -> r.status().word()));
    }

    private static TableColumn<TrialResult, String> column(String title, java.util.function.Function<TrialResult, String> text) {
        TableColumn<TrialResult, String> c = new TableColumn<>(title);
        c.setSortable(true);
        c.setPrefWidth(title.equals("Trial") ? 56 : title.equals("Epochs") ? 60 : Math.min(90, Math.max(70, 7 * title.length() + 16)));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }

    private void refresh() {
        // The best may have moved to another row: redraw the marks.
        table.refresh();
        plot.show(model.rows(), plotOf.getValue(), model.bestRow());
    }
}
