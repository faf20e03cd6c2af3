package org.netstudio.canvas.diagnostics;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;

/**
 * All diagnostics of the net, live: where (node and port) and the full sentence. Clicking an entry
 * opens the level holding the node, selects it and brings it into view.
 */
public final class ProblemsList extends VBox {

    private final CanvasModel model;
    private final Label header = new Label();
    private final ListView<Diagnostic> list = new ListView<>();

    public ProblemsList(CanvasModel model) {
        this.model = model;
        getStyleClass().add("problems-list");
        header.getStyleClass().add("problems-header");
        list.getStyleClass().add("problems-items");
        list.setCellFactory(v -> new ProblemCell());
        list.setPlaceholder(new Label("No problems: every port has a type."));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, list);
        model.inferenceProperty().addListener((o, a, b) -> show(b));
        show(model.inferenceProperty().get());
    }

    private void show(InferenceResult r) {
        list.getItems().setAll(r.diagnostics());
        int n = r.diagnostics().size();
        header.setText(n == 0 ? "No problems" : n == 1 ? "1 problem" : n + " problems");
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), n > 0);
    }

    public ListView<Diagnostic> listView() {
        return list;
    }

    /** "conv1 · Input", "the net · Output". */
    public static String where(Diagnostic d) {
        String node = d.node().isRoot() ? "net" : d.node().toString();
        return d.port() == null ? node : node + " · " + d.port();
    }

    private final class ProblemCell extends ListCell<Diagnostic> {
        private final Label where = new Label();
        private final Label message = new Label();
        private final VBox box = new VBox(2, where, message);

        ProblemCell() {
            getStyleClass().add("problem-cell");
            where.getStyleClass().add("problem-where");
            message.getStyleClass().add("problem-message");
            message.setWrapText(true);
            message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            box.setMinWidth(0);
            box.setPrefWidth(0);
            addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                Diagnostic d = getItem();
                if (d != null) {
                    model.reveal(d.node(), d.port());
                }
            });
        }

        @Override
        protected void updateItem(Diagnostic d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                return;
            }
            where.setText(where(d));
            message.setText(d.message());
            setGraphic(box);
        }
    }
}
