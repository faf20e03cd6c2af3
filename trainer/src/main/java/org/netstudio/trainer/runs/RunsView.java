package org.netstudio.trainer.runs;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.netstudio.engine.runs.EpochRow;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunStatus;
import org.netstudio.engine.runs.RunStore;

/**
 * The Runs view: the recorded runs of the net in front ({@link #netNameProperty()}), or of every
 * net with "All nets", in a table sortable by any column; the selected runs' loss and accuracy
 * per epoch overlaid, one curve each with a legend; what differs between them side by side; and
 * buttons to open a run's net, use its best weights in the net in front, and delete runs after a
 * confirmation. What opening and using mean is the window's ({@link #setOnOpenNet}, {@link
 * #setOnUseWeights}). Runs are read on the FX thread: a run's files are a few kilobytes.
 */
public final class RunsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Supplier<RunStore> store;
    private final StringProperty netName = new SimpleStringProperty(this, "netName", "");
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final TableView<RunRecord> table = new TableView<>(runs);
    private final CheckBox allNets = new CheckBox("All nets");
    private final Label title = new Label();
    private final Label message = new Label();
    private final Button openNet = new Button("Open Net");
    private final Button useWeights = new Button("Use Weights");
    private final Button delete = new Button("Delete…");
    private final Button resume = new Button("Resume");
    private final LineChart<Number, Number> lossChart = chart("Loss", "runsLossChart");
    private final LineChart<Number, Number> accuracyChart = chart("Accuracy", "runsAccuracyChart");
    private final GridPane differences = new GridPane();
    private Consumer<RunRecord> onOpenNet = r -> { };
    private Consumer<RunRecord> onUseWeights = r -> { };
    private Predicate<RunRecord> weightsFit = r -> false;
    private Consumer<RunRecord> onResume = r -> { };
    private Predicate<RunRecord> resumable = r -> false;
    private Predicate<List<RunRecord>> confirmDelete = RunsView::confirm;

    /**
     * @param store the runs to show, asked again on every refresh (the folder may change)
     */
    public RunsView(Supplier<RunStore> store) {
        this.store = Objects.requireNonNull(store, "store");
        getStyleClass().add("ns-runs");
        getStylesheets().add(org.netstudio.trainer.TrainerPanel.class.getResource("trainer.css").toExternalForm());
        setId("runsView");
        title.setId("runsTitle");
        title.getStyleClass().add("ns-runs-title");
        allNets.setId("runsAllNets");
        message.setId("runsMessage");
        message.setWrapText(true);
        Button refresh = new Button("Refresh");
        refresh.setId("runsRefresh");
        refresh.setOnAction(e -> refresh());
        openNet.setId("runsOpenNet");
        useWeights.setId("runsUseWeights");
        delete.setId("runsDelete");
        openNet.setOnAction(e -> single().ifPresent(onOpenNet));
        useWeights.setOnAction(e -> single().ifPresent(onUseWeights));
        delete.setOnAction(e -> deleteSelected());
        resume.setId("runsResume");
        resume.setOnAction(e -> single().ifPresent(onResume));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, allNets, spacer, refresh, openNet, useWeights, resume, delete);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(bar);

        table.setId("runsTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs recorded yet: every training, in the window or with netstudio train,"
                + " is kept here."));
        addColumns();
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) c -> showSelection());

        differences.setId("runsDifferences");
        differences.setHgap(12);
        differences.setVgap(2);
        differences.setPadding(new Insets(6));
        ScrollPane diffScroll = new ScrollPane(differences);
        SplitPane charts = new SplitPane(lossChart, accuracyChart, diffScroll);
        charts.setDividerPositions(0.32, 0.64);
        SplitPane split = new SplitPane(table, charts);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setCenter(split);
        message.setPadding(new Insets(4, 8, 4, 8));
        setBottom(message);

        allNets.selectedProperty().addListener((o, was, now) -> refresh());
        netName.addListener((o, was, now) -> refresh());
        showSelection();
    }

    /** The name of the net in front, whose runs are shown unless "All nets" is ticked; empty shows all. */
    public StringProperty netNameProperty() {
        return netName;
    }

    /** What Open Net does with the selected run (e.g. open its {@code net.nsnet} in a new tab). */
    public void setOnOpenNet(Consumer<RunRecord> action) {
        this.onOpenNet = Objects.requireNonNull(action, "action");
    }

    /**
     * What Use Weights does with the selected run, and when it may: only when its weights fit the
     * net in front.
     */
    public void setOnUseWeights(Predicate<RunRecord> fits, Consumer<RunRecord> action) {
        this.weightsFit = Objects.requireNonNull(fits, "fits");
        this.onUseWeights = Objects.requireNonNull(action, "action");
        showSelection();
    }

    /**
     * What Resume does with the selected run (continue it from its last checkpoint in the net's
     * trainer panel), and when it may: the run is not running, has a checkpoint, and {@code can}
     * says the net in front can continue it.
     */
    public void setOnResume(Predicate<RunRecord> can, Consumer<RunRecord> action) {
        this.resumable = Objects.requireNonNull(can, "can");
        this.onResume = Objects.requireNonNull(action, "action");
        showSelection();
    }

    /** Asks before deleting runs (default a confirmation dialog); tests answer themselves. */
    public void setConfirmDelete(Predicate<List<RunRecord>> confirm) {
        this.confirmDelete = Objects.requireNonNull(confirm, "confirm");
    }

    /** The table of runs (for tests and screenshots). */
    public TableView<RunRecord> table() {
        return table;
    }

    /** The loss chart (for tests). */
    public LineChart<Number, Number> lossChart() {
        return lossChart;
    }

    /** The accuracy chart (for tests). */
    public LineChart<Number, Number> accuracyChart() {
        return accuracyChart;
    }

    /** The differences of the selected runs, as shown. */
    public List<RunDifferences.Row> differences() {
        return RunDifferences.of(List.copyOf(table.getSelectionModel().getSelectedItems()));
    }

    /** Reads the runs again, keeping the selection where the runs still exist. */
    public void refresh() {
        List<String> selected = table.getSelectionModel().getSelectedItems().stream().map(RunRecord::id).toList();
        boolean all = allNets.isSelected() || netName.get() == null || netName.get().isEmpty();
        title.setText(all ? "Runs of all nets" : "Runs of " + netName.get());
        List<RunRecord> read;
        try {
            read = all ? store.get().list() : store.get().listFor(netName.get());
        } catch (IOException e) {
            message.setText("The runs cannot be read: " + e.getMessage());
            read = List.of();
        }
        runs.setAll(read);
        table.sort();
        table.getSelectionModel().clearSelection();
        for (RunRecord r : runs) {
            if (selected.contains(r.id())) {
                table.getSelectionModel().select(r);
            }
        }
        showSelection();
    }

    private java.util.Optional<RunRecord> single() {
        List<RunRecord> s = table.getSelectionModel().getSelectedItems();
        return s.size() == 1 ? java.util.Optional.of(s.get(0)) : java.util.Optional.empty();
    }

    private void showSelection() {
        List<RunRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        boolean one = selected.size() == 1 && selected.get(0).status() != RunStatus.UNREADABLE;
        openNet.setDisable(!one);
        useWeights.setDisable(!(one && selected.get(0).bestWeights().isPresent() && weightsFit.test(selected.get(0))));
        resume.setDisable(!(one && selected.get(0).status() != RunStatus.RUNNING
                && org.netstudio.engine.train.Checkpoint.epochIn(selected.get(0).checkpointFolder()).isPresent()
                && resumable.test(selected.get(0))));
        delete.setDisable(selected.isEmpty() || selected.stream().anyMatch(r -> r.status() == RunStatus.RUNNING));
        lossChart.getData().clear();
        accuracyChart.getData().clear();
        int lastEpoch = 1;
        List<String> problems = new ArrayList<>();
        for (RunRecord r : selected) {
            if (r.status() == RunStatus.UNREADABLE) {
                problems.add(r.id() + " is unreadable: " + r.problem());
                continue;
            }
            List<EpochRow> rows;
            try {
                rows = r.epochRows();
            } catch (IOException e) {
                problems.add(r.id() + ": " + e.getMessage());
                continue;
            }
            lastEpoch = Math.max(lastEpoch, rows.isEmpty() ? 1 : rows.get(rows.size() - 1).epoch());
            lossChart.getData().add(series(r, rows, row -> Double.isNaN(row.validationLoss()) ? row.trainLoss()
                    : row.validationLoss()));
            accuracyChart.getData().add(series(r, rows, row -> Double.isNaN(row.validationAccuracy())
                    ? row.trainAccuracy() : row.validationAccuracy()));
        }
        for (LineChart<Number, Number> chart : List.of(lossChart, accuracyChart)) {
            // Epochs are whole numbers: ticks on them, from the first to the last epoch shown.
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setUpperBound(Math.max(2, lastEpoch));
            x.setTickUnit(Math.max(1, Math.ceil(lastEpoch / 10.0)));
        }
        showDifferences(selected);
        message.setText(!problems.isEmpty() ? String.join("; ", problems)
                : selected.isEmpty() ? runs.size() + (runs.size() == 1 ? " run" : " runs")
                        + ". Select runs to compare their curves and options."
                : selected.size() == 1 ? "Select another run to compare."
                : RunDifferences.netsDiffer(selected) ? "The nets differ; the curves show validation loss and accuracy."
                : "Same net; the curves show validation loss and accuracy.");
    }

    private void showDifferences(List<RunRecord> selected) {
        differences.getChildren().clear();
        if (selected.size() < 2) {
            return;
        }
        differences.add(header(""), 0, 0);
        for (int c = 0; c < selected.size(); c++) {
            differences.add(header(label(selected.get(c))), c + 1, 0);
        }
        List<RunDifferences.Row> rows = RunDifferences.of(selected);
        if (rows.isEmpty()) {
            differences.add(new Label("Same net, data and options."), 0, 1, selected.size() + 1, 1);
        }
        for (int i = 0; i < rows.size(); i++) {
            RunDifferences.Row row = rows.get(i);
            Label name = cell(row.name());
            name.getStyleClass().add("ns-runs-difference-name");
            differences.add(name, 0, i + 1);
            for (int c = 0; c < row.values().size(); c++) {
                differences.add(cell(row.values().get(c)), c + 1, i + 1);
            }
        }
    }

    private static Label cell(String text) {
        Label l = new Label(text);
        // Values are short; a column is as wide as its longest, and the pane scrolls sideways.
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label header(String text) {
        Label l = cell(text);
        l.getStyleClass().add("ns-runs-difference-head");
        return l;
    }

    /** A run's name in legends and column heads: its start time, unique within a second by the id's suffix. */
    static String label(RunRecord r) {
        return r.id();
    }

    private static XYChart.Series<Number, Number> series(RunRecord r, List<EpochRow> rows,
            Function<EpochRow, Double> value) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(label(r) + r.option("learningRate").map(lr -> " · lr " + lr).orElse(""));
        for (EpochRow row : rows) {
            double v = value.apply(row);
            if (Double.isFinite(v)) {
                s.getData().add(new XYChart.Data<>(row.epoch(), v));
            }
        }
        return s;
    }

    private static LineChart<Number, Number> chart(String what, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("Epoch");
        x.setAutoRanging(false);
        x.setLowerBound(1);
        x.setUpperBound(2);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(what);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(what);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(true);
        chart.setMinSize(200, 160);
        return chart;
    }

    private void deleteSelected() {
        List<RunRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty() || !confirmDelete.test(selected)) {
            return;
        }
        List<String> failed = new ArrayList<>();
        for (RunRecord r : selected) {
            try {
                store.get().delete(r.id());
            } catch (IOException e) {
                failed.add(e.getMessage());
            }
        }
        table.getSelectionModel().clearSelection();
        refresh();
        message.setText(failed.isEmpty() ? "Deleted " + selected.size() + (selected.size() == 1 ? " run." : " runs.")
                : String.join("; ", failed));
    }

    private static boolean confirm(List<RunRecord> runs) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, runs.size() == 1
                ? "Delete the run " + runs.get(0).id() + " and all its files (curves, weights, checkpoint)?"
                : "Delete these " + runs.size() + " runs and all their files (curves, weights, checkpoints)?",
                ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(runs.size() == 1 ? "Delete this run?" : "Delete " + runs.size() + " runs?");
        alert.initOwner(null);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private void addColumns() {
        TableColumn<RunRecord, Instant> started = new TableColumn<>("Started");
        started.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().started()));
        started.setCellFactory(c -> cell(i -> i == null ? "" : WHEN.format(i)));
        started.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        started.setSortType(TableColumn.SortType.DESCENDING);
        started.setPrefWidth(150);
        table.getColumns().add(started);
        table.getColumns().add(text("Net", RunRecord::netName, 130));
        table.getColumns().add(text("Status", r -> r.status().id(), 85));
        TableColumn<RunRecord, Integer> epochs = new TableColumn<>("Epochs");
        epochs.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().epochs()));
        epochs.setPrefWidth(60);
        table.getColumns().add(epochs);
        table.getColumns().add(number("Val loss", RunRecord::validationLoss, "%.4f", 1, 80));
        table.getColumns().add(number("Val accuracy", RunRecord::validationAccuracy, "%.1f%%", 100, 100));
        table.getColumns().add(number("Learning rate", r -> parse(r.option("learningRate").orElse("")), "%s", 1, 105));
        table.getColumns().add(number("Batch", r -> parse(r.option("batchSize").orElse("")), "%.0f", 1, 60));
        table.getColumns().add(text("Optimizer", r -> r.option("optimizer").orElse(""), 80));
        table.getColumns().add(text("Data", RunRecord::data, 90));
        table.getColumns().add(text("Origin", RunRecord::origin, 70));
        table.getColumns().add(text("ID", RunRecord::id, 160));
        table.getSortOrder().add(started);
    }

    private static double parse(String s) {
        try {
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static TableColumn<RunRecord, String> text(String name, Function<RunRecord, String> value, double width) {
        TableColumn<RunRecord, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<RunRecord, Double> number(String name, Function<RunRecord, Double> value, String format,
            double scale, double width) {
        TableColumn<RunRecord, Double> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> cell(v -> v == null || v.isNaN() ? "" : format.equals("%s") ? trim(v)
                : String.format(Locale.ROOT, format, v * scale)));
        // Absent values sort first, as if smallest.
        c.setComparator((a, b) -> Double.compare(a == null || a.isNaN() ? Double.NEGATIVE_INFINITY : a,
                b == null || b.isNaN() ? Double.NEGATIVE_INFINITY : b));
        c.setPrefWidth(width);
        return c;
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static <T> TableCell<RunRecord, T> cell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        };
    }
}
