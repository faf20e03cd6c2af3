package org.netstudio.inspector.widgets;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A titled part of the inspector ("PARAMETERS"): a header line that folds the content away when
 * clicked, and the content. Hidden sections take no room.
 */
public final class SectionView extends VBox {

    private static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");

    private final Label title = new Label();
    private final Label aside = new Label();
    private final BooleanProperty expanded = new SimpleBooleanProperty(this, "expanded", true);

    public SectionView(String id, String titleText, Node content) {
        setId(id);
        getStyleClass().add("inspector-section");
        title.setText(titleText);
        title.getStyleClass().add("section-title");
        aside.getStyleClass().add("section-aside");
        Region chevron = Views.icon("section-chevron");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(chevron, title, spacer, aside);
        head.getStyleClass().add("section-header");
        head.setOnMouseClicked(e -> expanded.set(!expanded.get()));
        content.getStyleClass().add("section-content");
        content.visibleProperty().bind(expanded);
        content.managedProperty().bind(expanded);
        expanded.addListener((o, was, now) -> pseudoClassStateChanged(COLLAPSED, !now));
        getChildren().addAll(head, content);
        managedProperty().bind(visibleProperty());
    }

    /** Small text at the right of the title, e.g. a count. */
    public Label aside() {
        return aside;
    }

    public BooleanProperty expandedProperty() {
        return expanded;
    }
}
