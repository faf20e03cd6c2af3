package org.netstudio.inspector.ports;

import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.widgets.Views;

/** Problems as their full sentences, errors in the danger colour, each behind a mark. */
public final class DiagnosticsView extends VBox {

    public DiagnosticsView(ObservableList<DiagnosticRow> rows) {
        getStyleClass().add("diagnostics");
        Views.showEach(this, rows, DiagnosticsView::line, null);
    }

    private static HBox line(DiagnosticRow d) {
        Region mark = Views.icon("diagnostic-mark");
        Label text = Views.sentence(d.message(), "diagnostic-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox line = new HBox(mark, text);
        line.getStyleClass().addAll("diagnostic", d.error() ? "diagnostic-error" : "diagnostic-warning");
        return line;
    }
}
