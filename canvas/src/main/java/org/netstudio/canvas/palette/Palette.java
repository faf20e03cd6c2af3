package org.netstudio.canvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.edit.InputKind;

/**
 * The searchable layer palette: the typed inputs a net can read (image, vector, sequence, text;
 * see {@link InputKind}), every catalog layer grouped by category, then the Chain and Graph
 * containers. Typing filters by name and alias ("dense" shows Linear). Drag an entry onto a
 * {@link org.netstudio.canvas.NetCanvas} in the same scene to create a node there (a full
 * press-drag-release gesture carrying {@link #DRAG_TYPE_KEY}); double-click to activate it.
 */
public final class Palette extends VBox {

    /** The key, in the dragged cell's properties, of the type name being dragged. */
    public static final String DRAG_TYPE_KEY = "netstudio.palette.type";

    /** A row of the palette: a category header, or an entry. */
    public record Row(String type, String title, String aliases, String category, boolean header) {
    }

    /** The heading of the typed inputs, listed first: a net starts from what it reads. */
    static final String INPUTS = "Inputs";
    private static final String INPUT_STYLE = "graph-input";
    private static final java.util.Map<InputKind, String> INPUT_ALIASES = java.util.Map.of(
            InputKind.IMAGE, "1×28×28 grayscale", InputKind.VECTOR, "2 numbers", InputKind.SEQUENCE, "n×8 numbers",
            InputKind.TEXT, "characters");

    private final TextField search = new TextField();
    private final ListView<Row> list = new ListView<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private Consumer<String> onActivate = t -> { };

    public Palette() {
        getStyleClass().add("palette");
        search.getStyleClass().add("palette-search");
        search.setPromptText("Search layers");
        list.getStyleClass().add("palette-list");
        list.setItems(rows);
        list.setCellFactory(v -> new RowCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(search, list);
        search.textProperty().addListener((o, a, b) -> filter(b));
        filter("");
    }

    public TextField searchField() {
        return search;
    }

    /** Shows the entries matching {@code query}, best first; all of them grouped when blank. */
    public void filter(String query) {
        List<Row> out = new ArrayList<>();
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            out.add(new Row(null, INPUTS, "", INPUT_STYLE, true));
            for (InputKind k : InputKind.values()) {
                out.add(input(k));
            }
            for (Category c : Category.values()) {
                List<Row> entries = new ArrayList<>();
                for (LayerType t : LayerCatalog.standard().types()) {
                    if (t.category() == c && NodeFactory.offered(t)) {
                        entries.add(entry(t));
                    }
                }
                if (c == Category.CONTAINER) {
                    LayerCatalog.CONTAINERS.forEach(n -> entries.add(container(n)));
                }
                if (!entries.isEmpty()) {
                    out.add(new Row(null, c.title(), "", c.styleClass(), true));
                    out.addAll(entries);
                }
            }
        } else {
            String lq = q.toLowerCase(Locale.ROOT);
            for (InputKind k : InputKind.values()) {
                if (k.label().toLowerCase(Locale.ROOT).contains(lq)) {
                    out.add(input(k));
                }
            }
            LayerCatalog.standard().search(q).stream().filter(NodeFactory::offered).forEach(t -> out.add(entry(t)));
            for (String n : LayerCatalog.CONTAINERS) {
                if (n.toLowerCase(Locale.ROOT).contains(lq) || "container".contains(lq) || LayerCatalog.containerAliases(n)
                        .stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(lq))) {
                    out.add(container(n));
                }
            }
        }
        rows.setAll(out);
    }

    private static Row entry(LayerType t) {
        return new Row(t.name(), t.name(), String.join(", ", t.aliases()), t.category().styleClass(), false);
    }

    /** A typed input: a declaration of the net's input, not a layer (see {@link InputKind}). */
    private static Row input(InputKind k) {
        return new Row(k.id(), k.label(), INPUT_ALIASES.get(k), INPUT_STYLE, false);
    }

    private static Row container(String name) {
        return new Row(name, name, String.join(", ", LayerCatalog.containerAliases(name)),
                Category.CONTAINER.styleClass(), false);
    }

    /** The type names now listed, in order. */
    public List<String> visibleTypes() {
        return rows.stream().filter(r -> !r.header()).map(Row::type).toList();
    }

    /** What a double-click (or Enter) on an entry does, e.g. add it in the middle of the canvas. */
    public void setOnActivate(Consumer<String> action) {
        onActivate = action == null ? t -> { } : action;
    }

    private final class RowCell extends ListCell<Row> {
        private final Region swatch = new Region();
        private final Label title = new Label();
        private final Label aliases = new Label();
        private final HBox box = new HBox(8, swatch, title, aliases);

        RowCell() {
            swatch.getStyleClass().add("palette-swatch");
            title.getStyleClass().add("palette-title");
            aliases.getStyleClass().add("palette-aliases");
            aliases.setMinWidth(0);
            title.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            HBox.setHgrow(aliases, Priority.ALWAYS);
            box.setMinWidth(0);
            box.setPrefWidth(0);
            setPrefWidth(0);
            box.getStyleClass().add("palette-row");
            addEventHandler(MouseEvent.DRAG_DETECTED, e -> {
                if (getItem() != null && !getItem().header() && e.getButton() == MouseButton.PRIMARY) {
                    getProperties().put(DRAG_TYPE_KEY, getItem().type());
                    startFullDrag();
                    e.consume();
                }
            });
            addEventHandler(MouseEvent.MOUSE_RELEASED, e -> getProperties().remove(DRAG_TYPE_KEY));
            addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getClickCount() == 2 && getItem() != null && !getItem().header()) {
                    onActivate.accept(getItem().type());
                }
            });
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeIf(s -> s.startsWith("category-") || s.equals(INPUT_STYLE) || s.equals("palette-header") || s.equals("palette-entry"));
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            if (row.header()) {
                getStyleClass().add("palette-header");
                setGraphic(null);
                setText(row.title());
            } else {
                getStyleClass().addAll("palette-entry", row.category());
                title.setText(row.title());
                aliases.setText(row.aliases());
                setText(null);
                setGraphic(box);
            }
        }
    }
}
