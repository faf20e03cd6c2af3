package org.netstudio.app.window;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls the scroll pane holding a node so that the node sits in the middle of its view, as a
 * person would with the scroll bar before clicking it (tests). In the middle, its neighbours are in
 * view too, however many fields a form gains above or below it.
 */
final class ScrollIntoView {

    private ScrollIntoView() {
    }

    static void of(Node node) {
        Node p = node.getParent();
        while (!(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        ScrollPane scroll = (ScrollPane) p;
        Node content = scroll.getContent();
        var bounds = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double view = scroll.getViewportBounds().getHeight();
        double range = content.getLayoutBounds().getHeight() - view;
        if (range > 0) {
            scroll.setVvalue(Math.min(1, Math.max(0, (bounds.getCenterY() - view / 2) / range)));
        }
        scroll.layout();
    }
}
