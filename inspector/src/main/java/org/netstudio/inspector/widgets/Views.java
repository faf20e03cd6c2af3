package org.netstudio.inspector.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** Small helpers the inspector's views share. */
public final class Views {

    private Views() {
    }

    /** A label with style classes. */
    public static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    /** A wrapping label for sentences. */
    public static Label sentence(String text, String... styleClasses) {
        Label l = label(text, styleClasses);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    /** Shows {@code node} only while {@code shown} holds, taking no room otherwise. */
    public static void showWhen(Node node, ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }

    /**
     * Keeps {@code box}'s children one node per item of {@code items}, built again whenever the list
     * changes; {@code empty}, when not null, stands alone for an empty list.
     */
    public static <T> void showEach(Pane box, ObservableList<T> items, Function<? super T, ? extends Node> node,
                                    Node empty) {
        Runnable rebuild = () -> {
            List<Node> nodes = new ArrayList<>();
            for (T item : items) {
                nodes.add(node.apply(item));
            }
            if (nodes.isEmpty() && empty != null) {
                nodes.add(empty);
            }
            box.getChildren().setAll(nodes);
        };
        items.addListener((ListChangeListener<T>) c -> rebuild.run());
        rebuild.run();
    }

    /**
     * A small picture drawn by its CSS rule (-fx-shape, -fx-background-color), exactly the size the
     * rule's -fx-pref-width and -fx-pref-height give.
     */
    public static Region icon(String styleClass) {
        Region icon = new Region();
        icon.getStyleClass().add(styleClass);
        icon.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        icon.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return icon;
    }

    /** A tooltip that appears quickly and wraps long sentences. */
    public static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        t.setWrapText(true);
        t.setMaxWidth(360);
        return t;
    }
}
