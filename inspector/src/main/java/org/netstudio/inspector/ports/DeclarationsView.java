package org.netstudio.inspector.ports;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.ports.PortDeclEditor.Kind;
import org.netstudio.inspector.widgets.Views;

/**
 * The declared inputs and outputs of the net (or a container), one card per port: its name and
 * resolved type, what it is declared as (a shape, or an encoder / decoder), and the fields that
 * kind needs. Choosing a kind applies it when it is complete; text fields apply on Enter or when
 * left and revert on Escape.
 */
public final class DeclarationsView extends VBox {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    public DeclarationsView(ObservableList<PortDeclEditor> editors) {
        getStyleClass().add("declarations");
        Views.showEach(this, editors, this::card, null);
    }

    private Node card(PortDeclEditor e) {
        String id = (e.isInput() ? "decl-in-" : "decl-out-") + e.getPort();
        Label dir = Views.label(e.isInput() ? "in" : "out", "port-direction", e.isInput() ? "port-in" : "port-out");
        Label name = Views.label(e.getPort(), "port-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label shape = Views.label("", "port-shape", "code");
        shape.setId(id + "-shape");
        Label kind = Views.label("", "port-kind");
        Runnable showResolved = () -> {
            PortRow r = e.resolvedProperty().get();
            shape.setText(r == null ? "" : r.shape());
            kind.setText(r == null ? "" : r.kind());
            shape.setTooltip(r == null ? null : Views.tip(r.description()));
        };
        showResolved.run();
        e.resolvedProperty().addListener(o -> showResolved.run());
        HBox head = new HBox(dir, name, spacer, shape, kind);
        head.getStyleClass().add("decl-head");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHgrow(Priority.NEVER);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);

        ComboBox<Kind> kindBox = new ComboBox<>();
        kindBox.setId(id + "-kind");
        kindBox.getStyleClass().add("param-choice");
        kindBox.getItems().setAll(e.getKinds());
        kindBox.setMaxWidth(Double.MAX_VALUE);
        boolean[] updating = {false};
        Runnable showKind = () -> {
            updating[0] = true;
            try {
                kindBox.setValue(e.fields().kind().get());
            } finally {
                updating[0] = false;
            }
        };
        showKind.run();
        e.fields().kind().addListener(o -> showKind.run());
        kindBox.valueProperty().addListener((o, was, now) -> {
            if (!updating[0] && now != null) {
                e.chooseKind(now);
            }
        });
        kindBox.disableProperty().bind(e.editableProperty().not());
        Label kindLabel = Views.label(e.isInput() ? "Encoder" : "Decoder", "field-label");

        TextField[] edited = {null};
        e.errorProperty().addListener((o, was, now) -> {
            for (Node n : grid.getChildren()) {
                n.pseudoClassStateChanged(INVALID, now != null && n == edited[0]);
            }
        });
        List<Row> rows = new ArrayList<>();
        Kind[] shaped = e.isInput() ? new Kind[] {Kind.NONE, Kind.REAL, Kind.INDICES} : new Kind[] {Kind.REAL, Kind.INDICES};
        rows.add(textRow(e, edited, id + "-shape-field", "Shape", e.fields().shape(), "1×28×28, or n×20 where n varies",
                shaped));
        rows.add(textRow(e, edited, id + "-range", "Values", e.fields().range(), "97 for indices 0..96", Kind.INDICES));
        rows.add(textRow(e, edited, id + "-size", "Size", e.fields().size(), "width×height, 28×28", Kind.IMAGE));
        ComboBox<String> colours = new ComboBox<>();
        colours.setId(id + "-colors");
        colours.getStyleClass().add("param-choice");
        colours.getItems().setAll(PortDeclEditor.COLOR_SPACES);
        colours.setMaxWidth(Double.MAX_VALUE);
        colours.valueProperty().bindBidirectional(e.fields().colorSpace());
        colours.setOnAction(a -> {
            if (e.fields().kind().get() == Kind.IMAGE) {
                e.commit();
            }
        });
        colours.disableProperty().bind(e.editableProperty().not());
        rows.add(new Row(Views.label("Colours", "field-label"), colours, List.of(Kind.IMAGE)));
        if (e.isInput()) {
            rows.add(textRow(e, edited, id + "-augmentation", "Augment", e.fields().augmentation(),
                    "in training: crop 4, flip, rotation 10, brightness 0.1, contrast 0.1", Kind.IMAGE));
        }
        rows.add(textRow(e, edited, id + "-labels", "Labels", e.fields().labels(), "class names separated by commas",
                Kind.CLASS));
        rows.add(textRow(e, edited, id + "-alphabet", "Alphabet", e.fields().alphabet(),
                "the characters, e.g. abc…z (empty: built from the training data)",
                Kind.CHARACTERS));
        // Only the rows the chosen kind needs are in the grid, so that no empty rows leave gaps.
        Runnable layout = () -> {
            grid.getChildren().clear();
            grid.addRow(0, kindLabel, kindBox);
            int r = 1;
            for (Row row : rows) {
                if (row.kinds().contains(e.fields().kind().get())) {
                    grid.addRow(r++, row.label(), row.field());
                }
            }
        };
        layout.run();
        e.fields().kind().addListener(o -> layout.run());

        // An input nobody declared yet says how to declare it, where the fields are.
        Label hint = Views.sentence("Not declared yet: type its shape, or choose an encoder (Image, Characters …).",
                "section-note", "decl-hint");
        hint.setId(id + "-hint");
        Views.showWhen(hint, e.fields().kind().isEqualTo(Kind.NONE));

        Label error = Views.sentence("", "field-error");
        error.setId(id + "-error");
        error.textProperty().bind(e.errorProperty());
        Views.showWhen(error, e.errorProperty().isNotNull());

        VBox card = e.isInput() ? new VBox(head, grid, hint, error) : new VBox(head, grid, error);
        card.setId(id);
        card.getStyleClass().add("decl-card");
        return card;
    }

    /** A labelled field shown for some kinds. */
    private record Row(Label label, Node field, List<Kind> kinds) {
    }

    private static Row textRow(PortDeclEditor e, TextField[] edited, String id, String label, StringProperty text,
                               String hint, Kind... kinds) {
        TextField t = new TextField();
        t.setId(id);
        t.getStyleClass().addAll("param-field", "code");
        t.textProperty().bindBidirectional(text);
        t.setPromptText(hint);
        t.setOnAction(a -> {
            edited[0] = t;
            e.commit();
        });
        t.setOnKeyPressed(k -> {
            if (k.getCode() == KeyCode.ESCAPE) {
                e.revert();
                k.consume();
            }
        });
        t.focusedProperty().addListener((o, was, focused) -> {
            if (!focused && t.getParent() != null && List.of(kinds).contains(e.fields().kind().get())) {
                edited[0] = t;
                e.commit();
            }
        });
        t.disableProperty().bind(e.editableProperty().not());
        return new Row(Views.label(label, "field-label"), t, List.of(kinds));
    }
}
