package org.netstudio.app.window.documents;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.layout.VBox;

/**
 * The tab a file holds while it is read off the UI thread (a 90 MB ONNX model takes a second or
 * two): says what is opening, and gives way to the net's tab, or goes when the file does not read.
 */
public final class OpeningTab extends Tab {

    private final Path file;

    OpeningTab(Path file) {
        this.file = file;
        String name = file.getFileName().toString();
        setText("Opening " + name + "…");
        setClosable(false);
        getStyleClass().add("ns-opening-tab");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(40, 40);
        Label what = new Label("Opening " + name + "…");
        what.getStyleClass().add("ns-placeholder-title");
        VBox box = new VBox(12, busy, what);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("ns-placeholder");
        setContent(box);
    }

    Path file() {
        return file;
    }
}
