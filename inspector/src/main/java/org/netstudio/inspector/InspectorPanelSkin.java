package org.netstudio.inspector;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.VBox;
import org.netstudio.inspector.arrays.ArraysView;
import org.netstudio.inspector.header.HeaderView;
import org.netstudio.inspector.params.ParameterSheetView;
import org.netstudio.inspector.ports.DeclarationsView;
import org.netstudio.inspector.ports.DiagnosticsView;
import org.netstudio.inspector.ports.PortsView;
import org.netstudio.inspector.summary.SummaryView;
import org.netstudio.inspector.widgets.SectionView;
import org.netstudio.inspector.widgets.Views;

/**
 * Lays the inspector out as a scrolling column of sections, each shown in the modes it belongs to:
 * <pre>
 *   LAYER      header · parameters · ports (with the layer's problems) · arrays
 *   SEVERAL    header · problems · shared parameters · summary of the selection
 *   CONTAINER  header · problems · inputs and outputs · summary of what is inside
 *   NET        header · problems · inputs and outputs · summary
 *   PORT       header · problems · that port's declaration
 * </pre>
 * The views bind to the model; nothing here decides anything about the net.
 */
final class InspectorPanelSkin extends SkinBase<InspectorPanel> {

    InspectorPanelSkin(InspectorPanel panel) {
        super(panel);
        InspectorModel model = panel.getModel();

        HeaderView header = new HeaderView(model.header());

        SectionView problems = new SectionView("problemsSection", "Problems", new DiagnosticsView(model.lists().diagnostics()));
        problems.getStyleClass().add("problems-section");
        problems.aside().textProperty().bind(Bindings.size(model.lists().diagnostics()).asString());

        SectionView parameters = new SectionView("parametersSection", "Parameters",
                new ParameterSheetView(model.parameters()));

        DiagnosticsView layerProblems = new DiagnosticsView(model.lists().diagnostics());
        Views.showWhen(layerProblems, Bindings.isNotEmpty(model.lists().diagnostics()));
        SectionView ports = new SectionView("portsSection", "Ports",
                new VBox(new PortsView(model.lists().ports()), layerProblems));

        SectionView arrays = new SectionView("arraysSection", "Arrays", new ArraysView(model.lists().arrays()));
        arrays.aside().textProperty().bind(Bindings.size(model.lists().arrays()).asString());

        SectionView declarations = new SectionView("declarationsSection", "Inputs and outputs",
                new DeclarationsView(model.lists().declarations()));

        SummaryView summaryView = new SummaryView(model.lists().summaryRows(), path -> model.select(path));
        SectionView summary = new SectionView("summarySection", "Summary", summaryView);
        summary.aside().textProperty().bind(Bindings.createStringBinding(
                () -> layers(model.lists().summaryRows().size()), model.lists().summaryRows()));

        Label empty = Views.sentence("No net is open.", "section-note", "empty-note");

        BooleanBinding layer = is(model, InspectorMode.LAYER);
        BooleanBinding several = is(model, InspectorMode.SEVERAL);
        BooleanBinding container = is(model, InspectorMode.CONTAINER);
        BooleanBinding net = is(model, InspectorMode.NET);
        BooleanBinding port = is(model, InspectorMode.PORT);
        Views.showWhen(header, is(model, InspectorMode.EMPTY).not());
        Views.showWhen(empty, is(model, InspectorMode.EMPTY));
        problems.visibleProperty().bind(layer.not().and(Bindings.isNotEmpty(model.lists().diagnostics())));
        parameters.visibleProperty().bind(layer.or(several));
        ports.visibleProperty().bind(layer);
        arrays.visibleProperty().bind(layer);
        declarations.visibleProperty().bind(net.or(container).or(port));
        summary.visibleProperty().bind(net.or(container).or(several));

        VBox column = new VBox(header, empty, problems, parameters, ports, arrays, declarations, summary);
        column.getStyleClass().add("inspector-content");
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("inspector-scroll");
        getChildren().add(scroll);
    }

    private static BooleanBinding is(InspectorModel model, InspectorMode mode) {
        return model.modeProperty().isEqualTo(mode);
    }

    private static String layers(int n) {
        return n == 1 ? "1 layer" : n + " layers";
    }
}
