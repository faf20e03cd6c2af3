package org.netstudio.app.window.tryit;

import javafx.scene.control.Label;

/** The sentence under a Try It view when something went wrong: hidden, and taking no room, until then. */
final class ErrorLine extends Label {

    ErrorLine(String id) {
        setId(id);
        getStyleClass().add("ns-tryit-error");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /** Shows the sentence. */
    void say(String sentence) {
        setText(sentence);
        setVisible(true);
    }
}
