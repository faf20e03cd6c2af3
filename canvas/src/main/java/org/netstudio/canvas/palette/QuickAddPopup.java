package org.netstudio.canvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;

/**
 * The palette search at the pointer (double-click on empty canvas): a text field over a list of
 * matching layers; Enter (or a click) creates the highlighted one, Escape closes.
 */
public final class QuickAddPopup {

    private static Popup open;

    private QuickAddPopup() {
    }

    /** The type names matching a query, best first, containers included. */
    public static List<String> matches(String query) {
        List<String> out = new ArrayList<>();
        LayerCatalog.standard().search(query).stream().filter(NodeFactory::offered).map(LayerType::name).forEach(out::add);
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        for (String c : LayerCatalog.CONTAINERS) {
            if (q.isEmpty() || c.toLowerCase(Locale.ROOT).contains(q) || LayerCatalog.containerAliases(c).stream()
                    .anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(q))) {
                out.add(c);
            }
        }
        return out;
    }

    /** Shows the popup at a screen point; {@code create} gets the chosen type name. */
    public static Popup show(Node owner, double screenX, double screenY, Consumer<String> create) {
        if (open != null) {
            open.hide();
        }
        TextField field = new TextField();
        field.setPromptText("Add layer…");
        field.getStyleClass().add("quick-add-field");
        ListView<String> list = new ListView<>();
        list.getStyleClass().add("quick-add-list");
        list.setPrefHeight(240);
        list.getItems().setAll(matches(""));
        list.getSelectionModel().selectFirst();
        VBox root = new VBox(4, field, list);
        root.getStyleClass().addAll("root", "quick-add");
        if (owner.getScene() != null) {
            root.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        root.setPrefWidth(260);
        Popup popup = new Popup();
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.getContent().add(root);
        Runnable choose = () -> {
            String type = list.getSelectionModel().getSelectedItem();
            popup.hide();
            if (type != null) {
                create.accept(type);
            }
        };
        field.textProperty().addListener((o, a, b) -> {
            list.getItems().setAll(matches(b));
            list.getSelectionModel().selectFirst();
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                choose.run();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> choose.run());
        popup.setOnHidden(e -> {
            if (open == popup) {
                open = null;
            }
        });
        open = popup;
        popup.show(owner, screenX, screenY);
        field.requestFocus();
        return popup;
    }

    /** The popup now showing, or null. */
    public static Popup showing() {
        return open;
    }
}
