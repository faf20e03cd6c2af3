package org.netstudio.inspector.ports;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.widgets.Views;

/** Problems as their full sentences, errors in the danger colour, each behind a mark. */
public final class DiagnosticsView extends VBox {

    private final ObservableList<DiagnosticRow> rows;

    public DiagnosticsView(ObservableList<DiagnosticRow> rows) {
        this.rows = rows;
        getStyleClass().add("diagnostics");
        rows.addListener((ListChangeListener<DiagnosticRow>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (DiagnosticRow d : rows) {
            Region mark = new Region();
            mark.getStyleClass().add("diagnostic-mark");
            Label text = Views.sentence(d.message(), "diagnostic-text");
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox line = new HBox(mark, text);
            line.getStyleClass().addAll("diagnostic", d.error() ? "diagnostic-error" : "diagnostic-warning");
            getChildren().add(line);
        }
    }
}
