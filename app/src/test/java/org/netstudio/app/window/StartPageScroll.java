package org.netstudio.app.window;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Scrolls the Start page so that a node is in view, as the scroll bar would (tests). */
final class StartPageScroll {

    private StartPageScroll() {
    }

    static void intoView(Node node) {
        Node p = node.getParent();
        while (!(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        ScrollPane scroll = (ScrollPane) p;
        Node content = scroll.getContent();
        double y = content.sceneToLocal(node.localToScene(node.getLayoutBounds())).getMinY();
        double range = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(Math.min(1, Math.max(0, (y - 16) / range)));
        scroll.layout();
    }
}
