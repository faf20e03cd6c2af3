package org.netstudio.app.help;

import java.util.List;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help › About: the version, what NetStudio is, and the Java and JavaFX it runs on. Its labels
 * wrap and the dialog is as tall as they need, so no line is cut off (an Alert sized itself
 * before its text was laid out).
 */
final class AboutDialog {

    private AboutDialog() {
    }

    static Dialog<ButtonType> create(Window owner, List<String> stylesheets, String version) {
        Dialog<ButtonType> about = new Dialog<>();
        about.initOwner(owner);
        about.setTitle("About NetStudio");
        VBox text = new VBox(
                line("NetStudio " + version, "ns-about-title"),
                line("Design, train and explore neural networks, on the desktop and from a command line.", "ns-about-text"),
                line("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), JavaFX "
                        + System.getProperty("javafx.version"), "ns-about-detail"),
                line("Help › User Guide explains the rest; it is bundled with the application and needs no network.",
                        "ns-about-detail"));
        text.getStyleClass().add("ns-about");
        text.setPrefWidth(440);
        about.getDialogPane().setContent(text);
        about.getDialogPane().getButtonTypes().setAll(ButtonType.OK);
        about.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        about.getDialogPane().getStylesheets().setAll(stylesheets);
        about.getDialogPane().getStylesheets().add(HelpStyle.STYLESHEET);
        about.setResizable(true);
        return about;
    }

    private static Label line(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }
}
