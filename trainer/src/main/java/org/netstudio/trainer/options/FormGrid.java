package org.netstudio.trainer.options;

import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A two-column form: a label, a control, and under a text field the message of its value when it is
 * invalid (the row collapses when there is none).
 */
public class FormGrid extends GridPane {

    private int row;

    /** An empty form. */
    public FormGrid() {
        getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(92);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        getColumnConstraints().setAll(labels, controls);
    }

    /** Adds a labelled control. */
    public void add(String label, Node control) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(control);
        add(l, 0, row);
        add(control, 1, row);
        row++;
    }

    /** A choice of {@code values} by their labels, bound both ways to {@code chosen}, as wide as its column. */
    public static <T> ComboBox<T> choice(String id, T[] values, Property<T> chosen, Function<T, String> label) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(chosen);
        box.setConverter(new LabelConverter<>(label));
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** Adds a node across both columns. */
    public void addWide(Node node) {
        add(node, 0, row, 2, 1);
        row++;
    }

    /**
     * Adds a control across both columns with its label just before it (for a long label).
     *
     * @return the row, to show or hide as one
     */
    public HBox addWide(String label, Node control) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        HBox line = new HBox(8, l, control);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        addWide(line);
        return line;
    }

    /**
     * Adds a text field bound to an option field, with its message under it.
     *
     * @param field the option
     * @param id the text field's id; the message label gets {@code id + "-message"}
     * @return the text field
     */
    public TextField add(OptionField<?> field, String id) {
        TextField text = new TextField();
        text.setId(id);
        text.setPrefColumnCount(8);
        text.textProperty().bindBidirectional(field.textProperty());
        Label message = new Label();
        message.setId(id + "-message");
        message.getStyleClass().add("field-message");
        message.textProperty().bind(field.messageProperty());
        message.visibleProperty().bind(field.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        field.messageProperty().addListener((o, was, now) -> mark(text, now));
        mark(text, field.messageProperty().get());
        add(field.label(), text);
        add(message, 1, row);
        row++;
        return text;
    }

    private static void mark(TextField text, String message) {
        text.getStyleClass().remove("invalid");
        if (message != null && !message.isEmpty()) {
            text.getStyleClass().add("invalid");
            text.setTooltip(new Tooltip(message));
        } else {
            text.setTooltip(null);
        }
    }
}
