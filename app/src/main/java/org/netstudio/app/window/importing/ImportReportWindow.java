package org.netstudio.app.window.importing;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.netstudio.app.document.OpenNet.ImportedFrom;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.net.NodePath;

/**
 * The whole import report in a window beside the canvas: one row per ONNX node (what it became
 * and why), filtered by text or to the opaque ones, copied as text; double-clicking a row shows its
 * node on the canvas. Not modal: the net stays editable while the report is open.
 */
public final class ImportReportWindow extends Stage {

    private final TableView<ImportReport.Entry> table = new TableView<>();
    private final FilteredList<ImportReport.Entry> shown;
    private final CheckBox opaqueOnly = new CheckBox("Only opaque nodes");
    private final TextField filter = new TextField();

    ImportReportWindow(ImportedFrom imported, Consumer<NodePath> reveal, Window owner) {
        ImportReport report = imported.report();
        setTitle("Import Report — " + imported.model().getFileName());
        if (owner != null) {
            initOwner(owner);
        }

        Label summary = new Label(ImportBanner.summary(imported));
        summary.setId("importReportSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("ns-import-report-summary");
        summary.setMinHeight(Region.USE_PREF_SIZE);

        filter.setId("importFilter");
        filter.setPromptText("Filter by node, operator or reason");
        filter.getStyleClass().add("ns-search");
        HBox.setHgrow(filter, Priority.ALWAYS);
        opaqueOnly.setId("importOnlyOpaque");
        opaqueOnly.setDisable(report.opaque().isEmpty());
        Button copy = new Button("Copy as Text");
        copy.setId("importCopy");
        copy.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(report.text());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(text);
        });
        HBox tools = new HBox(10, filter, opaqueOnly, copy);
        tools.setAlignment(Pos.CENTER_LEFT);

        shown = new FilteredList<>(FXCollections.observableArrayList(report.entries()));
        filter.textProperty().addListener(o -> refilter());
        opaqueOnly.selectedProperty().addListener(o -> refilter());
        table.setId("importTable");
        table.setItems(shown);
        table.getColumns().add(column("ONNX node", 200, ImportReport.Entry::onnxName));
        table.getColumns().add(column("Operator", 110, ImportReport.Entry::opType));
        table.getColumns().add(column("Became", 80, e -> ImportReportRows.outcome(e.outcome())));
        table.getColumns().add(column("NetStudio node", 180,
                e -> e.node().isEmpty() ? "" : e.node() + "  (" + e.layerType() + ")"));
        table.getColumns().add(column("Why", 320, ImportReport.Entry::reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No node matches the filter."));
        table.setRowFactory(t -> {
            TableRow<ImportReport.Entry> row = new TableRow<>() {
                @Override
                protected void updateItem(ImportReport.Entry item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("opaque"),
                            !empty && item != null && item.outcome() == ImportReport.Outcome.OPAQUE);
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    show(row.getItem(), reveal);
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                show(table.getSelectionModel().getSelectedItem(), reveal);
            }
        });

        Label count = new Label();
        count.setId("importCount");
        count.getStyleClass().add("ns-import-report-count");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> shown.size() + " of " + report.entries().size() + " nodes · double-click a row to show its node",
                shown));
        VBox notes = new VBox(2);
        for (String n : report.notes()) {
            Label l = new Label("Note: " + n);
            l.setWrapText(true);
            notes.getChildren().add(l);
        }
        VBox top = new VBox(10, summary, tools);
        VBox bottom = new VBox(6, notes, count);
        BorderPane root = new BorderPane(table, top, null, bottom, null);
        BorderPane.setMargin(table, new Insets(10, 0, 10, 0));
        root.setPadding(new Insets(14));
        root.getStyleClass().addAll("ns-panel", "ns-import-report");
        Scene scene = new Scene(root, 900, 560);
        if (owner != null && owner.getScene() != null) {
            // The window's theme sheets, live: switching theme restyles the report too.
            Bindings.bindContent(scene.getStylesheets(), owner.getScene().getStylesheets());
        }
        setScene(scene);
    }

    private void refilter() {
        String needle = filter.getText() == null ? "" : filter.getText().trim().toLowerCase(Locale.ROOT);
        boolean opaque = opaqueOnly.isSelected();
        shown.setPredicate(e -> (!opaque || e.outcome() == ImportReport.Outcome.OPAQUE)
                && (needle.isEmpty() || (e.onnxName() + " " + e.opType() + " " + e.node() + " " + e.layerType() + " " + e.reason())
                        .toLowerCase(Locale.ROOT).contains(needle)));
    }

    private static void show(ImportReport.Entry e, Consumer<NodePath> reveal) {
        if (!e.node().isEmpty()) {
            reveal.accept(NodePath.of(e.node()));
        }
    }

    private static TableColumn<ImportReport.Entry, String> column(String title, double width,
            java.util.function.Function<ImportReport.Entry, String> value) {
        TableColumn<ImportReport.Entry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    /** The table, for tests. */
    public TableView<ImportReport.Entry> table() {
        return table;
    }
}
