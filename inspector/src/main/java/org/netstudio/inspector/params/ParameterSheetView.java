package org.netstudio.inspector.params;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.widgets.Views;
import org.netstudio.netgraph.catalog.ParamKind;

/**
 * The parameter sheet: one row per {@link ParameterField} — the name, an editor fitting the kind
 * (a text field for numbers, lists, "same" and expressions; a check box; a choice), and a "default"
 * mark or a button back to the default. A refused value marks its field and shows the sentence
 * under it. Text fields apply on Enter or when left, revert on Escape, and step whole numbers with
 * the Up and Down keys.
 */
public final class ParameterSheetView extends VBox {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass DEFAULT = PseudoClass.getPseudoClass("default");
    private static final PseudoClass MIXED = PseudoClass.getPseudoClass("mixed");

    private final ParameterSheetModel model;
    private final GridPane grid = new GridPane();
    private final Label note = Views.sentence("", "section-note");

    public ParameterSheetView(ParameterSheetModel model) {
        this.model = model;
        getStyleClass().add("parameter-sheet");
        grid.getStyleClass().add("form-grid");
        // Names take what the longest needs (up to a limit; the tooltip has the rest), editors the remainder.
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        names.setMaxWidth(150);
        names.setHgrow(Priority.NEVER);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setMinWidth(80);
        grid.getColumnConstraints().setAll(names, editors);
        note.textProperty().bind(model.noteProperty());
        Views.showWhen(note, model.noteProperty().isNotEmpty());
        getChildren().addAll(grid, note);
        model.getFields().addListener((ListChangeListener<ParameterField>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        grid.getChildren().clear();
        int row = 0;
        for (ParameterField f : model.getFields()) {
            Label name = Views.label(f.spec().name(), "field-label");
            String doc = f.spec().doc() + (f.spec().required() ? " Required." : "")
                    + (f.getDefaultText().isEmpty() ? "" : " Default: " + f.getDefaultText() + ".");
            name.setTooltip(Views.tip(doc.strip()));
            Node editor = editor(f);
            Label error = Views.sentence("", "field-error");
            error.setId("error-" + f.spec().name());
            error.textProperty().bind(f.errorProperty());
            Views.showWhen(error, f.errorProperty().isNotNull());
            // The message sits under its editor in the same cell, so rows keep one rhythm.
            Node marks = marks(f);
            HBox.setHgrow(editor, Priority.ALWAYS);
            HBox line = new HBox(editor, marks);
            line.getStyleClass().add("field-line");
            VBox cell = new VBox(line, error);
            cell.getStyleClass().add("field-cell");
            GridPane.setValignment(name, VPos.TOP);
            grid.addRow(row++, name, cell);
        }
    }

    private Node editor(ParameterField f) {
        Node n = switch (f.getEditorKind()) {
            case TEXT -> textEditor(f);
            case CHECK -> checkEditor(f);
            case CHOICE -> choiceEditor(f);
        };
        n.setId("param-" + f.spec().name());
        n.disableProperty().bind(f.stateProperty().map(s -> !s.editable()));
        Consumer<ParameterField.State> mark = s -> {
            n.pseudoClassStateChanged(DEFAULT, s.atDefault());
            n.pseudoClassStateChanged(MIXED, s.mixed());
        };
        mark.accept(f.stateProperty().get());
        f.stateProperty().addListener((o, was, now) -> mark.accept(now));
        n.pseudoClassStateChanged(INVALID, f.errorProperty().get() != null);
        f.errorProperty().addListener((o, was, now) -> n.pseudoClassStateChanged(INVALID, now != null));
        return n;
    }

    private Node textEditor(ParameterField f) {
        TextField t = new TextField();
        t.getStyleClass().add("param-field");
        if (f.spec().kind() == ParamKind.EXPRESSION || f.spec().kind() == ParamKind.INT_LIST
                || f.spec().kind() == ParamKind.INT_OR_LIST || f.spec().kind() == ParamKind.PADDING) {
            t.getStyleClass().add("code");
        }
        t.textProperty().bindBidirectional(f.textProperty());
        t.promptTextProperty().bind(f.stateProperty().map(ParameterField.State::prompt));
        t.setOnAction(e -> f.commit());
        boolean steps = f.spec().kind() == ParamKind.INT || f.spec().kind() == ParamKind.INT_OR_LIST;
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && (f.isDirty() || f.errorProperty().get() != null)) {
                f.revert();
                e.consume();
            } else if (steps && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                if (f.step(e.getCode() == KeyCode.UP ? 1 : -1)) {
                    t.end();
                }
                e.consume();
            }
        });
        t.focusedProperty().addListener((o, was, focused) -> {
            if (!focused && (f.isDirty() || f.errorProperty().get() != null)) {
                f.commit();
            }
        });
        t.setTooltip(Views.tip(hint(f)));
        return t;
    }

    private static String hint(ParameterField f) {
        return switch (f.spec().kind()) {
            case INT_OR_LIST -> "One number for every axis, or one per axis: 3 or 3, 5";
            case PADDING -> "One number for every axis, one per axis (1, 2), or \"same\"";
            case INT_LIST -> "Whole numbers separated by commas: 1, 28, 28";
            case EXPRESSION -> "An expression in x, e.g. tanh(x)*sigmoid(x)";
            case REAL -> "A number, e.g. 0.5 or 1e-5";
            default -> "A whole number; Up and Down step it";
        } + ". Enter applies, Escape reverts.";
    }

    private Node checkEditor(ParameterField f) {
        CheckBox box = new CheckBox();
        box.getStyleClass().add("param-check");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setAllowIndeterminate(false);
        boolean[] updating = {false};
        Runnable show = () -> {
            updating[0] = true;
            try {
                ParameterField.State s = f.stateProperty().get();
                box.setIndeterminate(s.mixed());
                box.setSelected(Boolean.TRUE.equals(s.value()));
                box.setText(s.mixed() ? "—" : Boolean.TRUE.equals(s.value()) ? "true" : "false");
            } finally {
                updating[0] = false;
            }
        };
        show.run();
        f.stateProperty().addListener(o -> show.run());
        box.selectedProperty().addListener((o, was, now) -> {
            if (!updating[0]) {
                if (!f.commitValue(now)) {
                    show.run();
                }
            }
        });
        return box;
    }

    private Node choiceEditor(ParameterField f) {
        ComboBox<String> box = new ComboBox<>();
        box.getStyleClass().add("param-choice");
        box.getItems().setAll(f.spec().choices());
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText("—");
        boolean[] updating = {false};
        Runnable show = () -> {
            updating[0] = true;
            try {
                ParameterField.State s = f.stateProperty().get();
                box.setValue(s.mixed() ? null : (String) s.value());
            } finally {
                updating[0] = false;
            }
        };
        show.run();
        f.stateProperty().addListener(o -> show.run());
        box.valueProperty().addListener((o, was, now) -> {
            if (!updating[0] && now != null) {
                if (!f.commitValue(now)) {
                    show.run();
                }
            }
        });
        return box;
    }

    private Node marks(ParameterField f) {
        Label dflt = Views.label("default", "default-tag");
        Views.showWhen(dflt, f.stateProperty().map(s -> s.atDefault() && !s.mixed()));
        Button reset = new Button();
        reset.setId("reset-" + f.spec().name());
        reset.getStyleClass().add("reset-button");
        reset.setGraphic(Views.icon("reset-icon"));
        reset.setTooltip(Views.tip("Back to the default" + (f.getDefaultText().isEmpty() ? "" : ", " + f.getDefaultText())));
        reset.setFocusTraversable(false);
        reset.setOnAction(e -> f.resetToDefault());
        Views.showWhen(reset, f.stateProperty().map(ParameterField.State::resettable));
        StackPane marks = new StackPane(dflt, reset);
        marks.getStyleClass().add("field-marks");
        StackPane.setAlignment(dflt, javafx.geometry.Pos.CENTER_LEFT);
        StackPane.setAlignment(reset, javafx.geometry.Pos.CENTER_LEFT);
        return marks;
    }
}
