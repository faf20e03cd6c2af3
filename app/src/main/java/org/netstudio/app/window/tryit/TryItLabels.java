package org.netstudio.app.window.tryit;

import javafx.scene.control.Label;

/** The labels the Try It views share: a column's heading, and notes that wrap at the column's width. */
final class TryItLabels {

    private TryItLabels() {
    }

    static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("ns-tryit-heading");
        return heading;
    }

    /** The label in the style class {@code style} ("ns-tryit-muted", "ns-placeholder-hint"), its text wrapped. */
    static Label wrapped(Label label, String style) {
        label.getStyleClass().add(style);
        label.setWrapText(true);
        return label;
    }
}
