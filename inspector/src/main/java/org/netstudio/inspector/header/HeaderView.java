package org.netstudio.inspector.header;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.widgets.Views;
import org.netstudio.netgraph.catalog.Category;

/**
 * The inspector's header: the name (a field that renames on Enter or when left), a chip with the
 * type in its category's colour, the category, the type's documentation and the size figures.
 */
public final class HeaderView extends VBox {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final TextField name = new TextField();
    private final Region dot = Views.icon("category-dot");
    private final Label type = Views.label("", "type-name");
    private final HBox chip = new HBox(dot, type);
    private final Label category = Views.label("", "category-title");
    private final Label doc = Views.sentence("", "type-doc");
    private final Label figures = Views.sentence("", "figures");
    private String chipClass;

    public HeaderView(HeaderModel model) {
        getStyleClass().add("inspector-header");

        chip.getStyleClass().add("category-chip");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(chip, category);
        top.getStyleClass().add("header-top");

        name.setId("nodeName");
        name.getStyleClass().add("name-field");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.editableProperty().bind(model.aboutProperty().map(HeaderModel.About::renameable));
        name.focusTraversableProperty().bind(name.editableProperty());
        name.setOnAction(e -> model.commitName());
        name.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                model.revertName();
                e.consume();
            }
        });
        name.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                model.commitName();
            }
        });
        model.nameErrorProperty().addListener((o, was, now) -> name.pseudoClassStateChanged(INVALID, now != null));
        name.setTooltip(Views.tip("Rename: type a new name and press Enter"));

        Label error = Views.sentence("", "field-error");
        error.setId("nodeNameError");
        error.textProperty().bind(model.nameErrorProperty());
        Views.showWhen(error, model.nameErrorProperty().isNotNull());

        Views.showWhen(doc, doc.textProperty().isNotEmpty());
        figures.setId("figures");
        Views.showWhen(figures, figures.textProperty().isNotEmpty());
        model.aboutProperty().addListener((o, was, now) -> show(now));
        show(model.aboutProperty().get());

        getChildren().addAll(top, name, error, doc, figures);
    }

    private void show(HeaderModel.About about) {
        type.setText(about.typeName());
        category.setText(about.category() == null ? "" : about.category().title());
        colour(about.category());
        doc.setText(about.doc());
        figures.setText(about.figures());
    }

    private void colour(Category c) {
        if (chipClass != null) {
            chip.getStyleClass().remove(chipClass);
        }
        chipClass = c == null ? "category-none" : c.styleClass();
        chip.getStyleClass().add(chipClass);
    }
}
