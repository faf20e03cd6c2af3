package org.netstudio.inspector.summary;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.netstudio.inspector.widgets.Views;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.ParameterCount;
import org.netstudio.netgraph.summary.SummaryTable;

/**
 * A Keras-style summary: a table of the layers (name, type in its category's colour, output
 * shape, parameters, multiply-adds) and the totals under it (total, trainable, non-trainable,
 * multiply-adds). Double-clicking a row asks for that layer to be selected.
 */
public final class SummaryView extends VBox {

    /** Height of a table row, in pixels; the table grows with its rows up to {@link #MAX_ROWS}. */
    private static final double ROW_HEIGHT = 24;
    private static final int MAX_ROWS = 16;
    /** Left and right padding of a cell, and a little air. */
    private static final double CELL_PADDING = 14;
    private static final double SCROLLBAR = 12;
    /** A header's padding and the room its label keeps around the title. */
    private static final double HEADER_PADDING = 26;
    private static final double MIN_NAME = 70;
    /** Names longer than this are shortened rather than hiding other columns. */
    private static final double MAX_NAME = 150;
    /** The category dot before a name, with its gap. */
    private static final double DOT = 14;

    private final TableView<SummaryRow> table = new TableView<>();

    public SummaryView(ObservableList<SummaryRow> rows, Consumer<NodePath> open) {
        getStyleClass().add("summary");
        table.setId("summaryTable");
        table.getStyleClass().add("summary-table");
        // Sorting by a header click sorts a view of the rows; the model's order (evaluation order) stays.
        SortedList<SummaryRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(Views.label("No layers", "section-note"));
        TableColumn<SummaryRow, SummaryRow> name = new TableColumn<>("Layer");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setComparator(Comparator.comparing(SummaryRow::name));
        TableColumn<SummaryRow, String> type = text("Type", SummaryRow::type);
        TableColumn<SummaryRow, String> shape = text("Output", SummaryRow::outputShape);
        shape.getStyleClass().add("code-column");
        TableColumn<SummaryRow, Long> params = count("Params", SummaryRow::parameters, SummaryTable::count, " parameters");
        headerTip(params, "Learnable and state values of the layer");
        TableColumn<SummaryRow, Long> macs = count("MACs", SummaryRow::multiplyAdds, SummaryView::compact,
                " multiply-adds per example");
        headerTip(macs, "Multiply-adds per example");
        headerTip(shape, "The shape of each example at the layer's output (no batch dimension)");
        table.getColumns().setAll(java.util.List.of(name, type, shape, params, macs));
        for (TableColumn<SummaryRow, ?> c : table.getColumns()) {
            c.setReorderable(false);
        }
        table.widthProperty().addListener(o -> fitColumns());
        rows.addListener((ListChangeListener<SummaryRow>) c -> fitColumns());
        table.setRowFactory(t -> {
            TableRow<SummaryRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem().path());
                }
            });
            return row;
        });
        rows.addListener((ListChangeListener<SummaryRow>) c -> fitHeight(rows.size()));
        fitHeight(rows.size());

        GridPane sums = new GridPane();
        sums.setId("summaryTotals");
        sums.getStyleClass().add("totals-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHgrow(Priority.ALWAYS);
        ColumnConstraints values = new ColumnConstraints();
        values.setHalignment(javafx.geometry.HPos.RIGHT);
        sums.getColumnConstraints().setAll(labels, values);
        Label total = total(sums, 0, ParameterCount.TOTAL, "totalParameters");
        Label trainable = total(sums, 1, ParameterCount.TRAINABLE, "trainableParameters");
        Label fixed = total(sums, 2, ParameterCount.NON_TRAINABLE, "nonTrainableParameters");
        Tooltip.install(sums, Views.tip(ParameterCount.MEANING));
        Label work = total(sums, 3, "Multiply-adds per example", "totalMultiplyAdds");
        Runnable show = () -> {
            SummaryTotals s = Summaries.totals(rows);
            total.setText(SummaryTable.count(s.total()));
            trainable.setText(SummaryTable.count(s.trainable()));
            fixed.setText(SummaryTable.count(s.nonTrainable()));
            work.setText(SummaryTable.count(s.multiplyAdds()));
        };
        show.run();
        rows.addListener((javafx.beans.InvalidationListener) o -> show.run());
        getChildren().addAll(table, sums);
    }

    public TableView<SummaryRow> table() {
        return table;
    }

    /**
     * Sizes the columns to their content and gives the rest to the layer names. In a narrow
     * inspector the multiply-adds and then the types go (the totals still have the multiply-adds,
     * and a name's colour and tooltip its type); they come back when there is room.
     */
    private void fitColumns() {
        List<TableColumn<SummaryRow, ?>> cols = table.getColumns();
        double available = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset()
                - (table.getItems().size() > MAX_ROWS ? SCROLLBAR : 0) - 2;
        if (available <= 0) {
            return;
        }
        Font mono = Font.font("Monospaced", 11);
        Font plain = Font.font(11.5);
        List<SummaryRow> items = table.getItems();
        double name = width(plain, "Layer", items.stream().map(SummaryRow::name).toList()) + DOT;
        double shape = width(mono, "Output", items.stream().map(SummaryRow::outputShape).toList());
        double params = width(mono, "Params", items.stream().map(r -> SummaryTable.count(r.parameters())).toList());
        double macs = width(mono, "MACs", items.stream().map(r -> compact(r.multiplyAdds())).toList());
        double type = width(plain, "Type", items.stream().map(SummaryRow::type).toList());
        // Names, shapes and parameters first; then multiply-adds, then types, as room allows.
        double used = Math.min(name, MAX_NAME) + shape + params;
        boolean showMacs = used + macs <= available;
        used += showMacs ? macs : 0;
        boolean showType = used + type <= available;
        used += showType ? type : 0;
        cols.get(1).setVisible(showType);
        cols.get(4).setVisible(showMacs);
        cols.get(1).setPrefWidth(type);
        cols.get(2).setPrefWidth(shape);
        cols.get(3).setPrefWidth(params);
        cols.get(4).setPrefWidth(macs);
        cols.get(0).setPrefWidth(Math.max(MIN_NAME, Math.floor(available - used + Math.min(name, MAX_NAME))));
    }

    /** Puts the title in a label with a tooltip (a column header has none of its own). */
    private static void headerTip(TableColumn<SummaryRow, ?> column, String tip) {
        Label title = Views.label(column.getText(), "header-title");
        title.setTooltip(Views.tip(tip));
        column.setText(null);
        column.setGraphic(title);
    }

    private static double width(Font font, String header, List<String> cells) {
        Text t = new Text(header);
        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 10.5));
        double head = t.getLayoutBounds().getWidth() + HEADER_PADDING;
        t.setFont(font);
        double w = 0;
        for (String c : cells) {
            t.setText(c);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return Math.ceil(Math.max(head, w + CELL_PADDING));
    }

    /** "512", "28.8K", "288K", "1.6M", "2.29G" — multiply-adds at a glance; the tooltip has all digits. */
    static String compact(long n) {
        if (n < 0) {
            return "?";
        }
        if (n < 1_000) {
            return Long.toString(n);
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1_000 && u < units.length - 1) {
            v /= 1_000;
            u++;
        }
        String digits = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return digits + units[u];
    }

    private void fitHeight(int n) {
        double h = (Math.max(1, Math.min(n, MAX_ROWS)) + 1.2) * ROW_HEIGHT + 4;
        table.setPrefHeight(h);
        table.setMinHeight(h);
        table.setMaxHeight(h);
    }

    private static Label total(GridPane grid, int row, String text, String id) {
        Label name = Views.label(text, "total-name");
        Label value = Views.label("", "total-value", "code");
        value.setId(id);
        if (row == 0) {
            name.getStyleClass().add("total-main");
            value.getStyleClass().add("total-main");
        }
        grid.addRow(row, name, value);
        return value;
    }

    private static TableColumn<SummaryRow, String> text(String title, Function<SummaryRow, String> value) {
        TableColumn<SummaryRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : Views.tip(item));
            }
        });
        return c;
    }

    /** A right-aligned count, sorted as a number ("?" last), whose tooltip has every digit. */
    private static TableColumn<SummaryRow, Long> count(String title, Function<SummaryRow, Long> value,
                                                       LongFunction<String> format, String what) {
        TableColumn<SummaryRow, Long> c = new TableColumn<>(title);
        c.getStyleClass().add("number-column");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setComparator(Comparator.comparingLong(n -> n < 0 ? Long.MAX_VALUE : n));
        c.setCellFactory(col -> new TableCell<>() {
            {
                setAlignment(Pos.CENTER_RIGHT);
            }

            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
                setTooltip(empty || item == null ? null
                        : Views.tip(item < 0 ? "Not known yet" : SummaryTable.count(item) + what));
            }
        });
        return c;
    }

    /** The layer's name behind a dot in its category's colour. */
    private static final class NameCell extends TableCell<SummaryRow, SummaryRow> {
        private final Region dot = Views.icon("category-dot");
        private final Label name = new Label();
        private final HBox box = new HBox(dot, name);
        private String dotClass;

        NameCell() {
            box.getStyleClass().add("name-cell");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SummaryRow item, boolean empty) {
            super.updateItem(item, empty);
            if (dotClass != null) {
                box.getStyleClass().remove(dotClass);
                dotClass = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(item.name());
            if (item.category() != null) {
                dotClass = item.category().styleClass();
                box.getStyleClass().add(dotClass);
            }
            setTooltip(Views.tip(item.name() + " (" + item.type() + ")"));
            setGraphic(box);
        }
    }
}
