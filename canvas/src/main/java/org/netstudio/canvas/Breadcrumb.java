package org.netstudio.canvas;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.netstudio.netgraph.net.NodePath;

/**
 * Where the canvas is in the container hierarchy: "LeNet-5 › block1 › inner". Every part but the
 * last navigates back to that level.
 */
public final class Breadcrumb extends HBox {

    private final CanvasModel model;

    public Breadcrumb(CanvasModel model) {
        this.model = model;
        getStyleClass().add("breadcrumb-bar");
        setSpacing(2);
        model.currentPathProperty().addListener((o, a, b) -> rebuild());
        model.documentProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        NodePath cur = model.getCurrentPath();
        String name = model.documentProperty().get().name();
        String rootName = name.isBlank() ? "Net" : name;
        for (int i = 0; i <= cur.depth(); i++) {
            NodePath p = new NodePath(cur.names().subList(0, i));
            String text = i == 0 ? rootName : p.leaf();
            if (i > 0) {
                Label sep = new Label("›");
                sep.getStyleClass().add("breadcrumb-separator");
                getChildren().add(sep);
            }
            if (i == cur.depth()) {
                Label here = new Label(text);
                here.getStyleClass().add("breadcrumb-current");
                getChildren().add(here);
            } else {
                Hyperlink link = new Hyperlink(text);
                link.getStyleClass().add("breadcrumb-link");
                link.setOnAction(e -> model.setCurrentPath(p));
                getChildren().add(link);
            }
        }
    }
}
