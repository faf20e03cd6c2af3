package org.netstudio.inspector.ports;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.netstudio.inspector.widgets.Views;

/**
 * The ports of the selected node: direction, name, resolved shape ("20×24×24", "n×20") and element
 * kind. The tooltip says the type in words and what an input accepts.
 */
public final class PortsView extends GridPane {

    private final ObservableList<PortRow> ports;

    public PortsView(ObservableList<PortRow> ports) {
        this.ports = ports;
        getStyleClass().addAll("form-grid", "ports-grid");
        ColumnConstraints direction = new ColumnConstraints();
        direction.setMinWidth(34);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(60);
        name.setHgrow(Priority.SOMETIMES);
        ColumnConstraints shape = new ColumnConstraints();
        shape.setHgrow(Priority.ALWAYS);
        ColumnConstraints kind = new ColumnConstraints();
        kind.setMinWidth(GridPane.USE_PREF_SIZE);
        getColumnConstraints().setAll(direction, name, shape, kind);
        ports.addListener((ListChangeListener<PortRow>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        int row = 0;
        for (PortRow p : ports) {
            Label dir = Views.label(p.input() ? "in" : "out", "port-direction", p.input() ? "port-in" : "port-out");
            Label name = Views.label(p.name(), "port-name");
            Label shape = Views.label(p.shape(), "port-shape", "code");
            shape.setId((p.input() ? "in-" : "out-") + p.name());
            Label kind = Views.label(p.kind(), "port-kind");
            String tip = p.description() + (p.accepts().isEmpty() ? "" : ".\nAccepts " + p.accepts()) + ".";
            for (Label l : new Label[] {dir, name, shape, kind}) {
                l.setTooltip(Views.tip(tip));
            }
            addRow(row++, dir, name, shape, kind);
        }
    }
}
