package org.netstudio.app.help;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;

/** Help's windows wear the main window's theme sheets and {@code help.css}, and follow a theme change. */
final class HelpStyle {

    static final String STYLESHEET = HelpStyle.class.getResource("help.css").toExternalForm();

    private HelpStyle() {
    }

    /** Styles {@code scene} now and whenever the main window's sheets change. */
    static void follow(Scene scene, ObservableList<String> themeSheets) {
        apply(scene, themeSheets);
        themeSheets.addListener((ListChangeListener<String>) c -> apply(scene, themeSheets));
    }

    private static void apply(Scene scene, List<String> themeSheets) {
        List<String> sheets = new ArrayList<>(themeSheets);
        sheets.add(STYLESHEET);
        scene.getStylesheets().setAll(sheets);
    }
}
