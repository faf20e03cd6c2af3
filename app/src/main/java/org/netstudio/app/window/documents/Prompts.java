package org.netstudio.app.window.documents;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The window's questions and messages, as dialogs owned by the main window and styled like it (in
 * the theme it has when they show).
 */
final class Prompts {

    /** What to do with unsaved changes. */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    static final ButtonType DONT_SAVE = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
    static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private final Supplier<Window> owner;
    private final Supplier<List<String>> stylesheets;

    Prompts(Supplier<Window> owner, Supplier<List<String>> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    /** The window dialogs belong to (file choosers too). */
    Window owner() {
        return owner.get();
    }

    SaveChoice askSave(String title) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Save changes to “" + title + "”?",
                "Your changes will be lost if you don't save them.", SAVE, DONT_SAVE, ButtonType.CANCEL);
        alert.setTitle("Unsaved Changes");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return SaveChoice.CANCEL;
        }
        return answer.get() == SAVE ? SaveChoice.SAVE : SaveChoice.DISCARD;
    }

    boolean askRestore(List<String> names) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION,
                names.size() == 1 ? "Restore unsaved work?" : "Restore " + names.size() + " nets with unsaved work?",
                "NetStudio did not close normally last time. It kept: " + String.join(", ", names) + ".",
                RESTORE, DISCARD);
        alert.setTitle("Restore Unsaved Work");
        return alert.showAndWait().filter(b -> b == RESTORE).isPresent();
    }

    void error(String header, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, header, message, ButtonType.OK);
        alert.setTitle("NetStudio");
        alert.showAndWait();
    }

    /** An error under {@code header}, in the exception's own sentence (its kind when it has none). */
    void error(String header, Exception e) {
        error(header, message(e));
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    void inform(String header, String message) {
        Alert alert = alert(Alert.AlertType.INFORMATION, header, message, ButtonType.OK);
        alert.setTitle("NetStudio");
        alert.showAndWait();
    }

    private Alert alert(Alert.AlertType type, String header, String content, ButtonType... buttons) {
        Alert alert = new Alert(type, content, buttons);
        alert.setHeaderText(header);
        return dressed(alert);
    }

    /** A dialog of this window: owned by it, in its theme. */
    <D extends javafx.scene.control.Dialog<?>> D dressed(D dialog) {
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.getDialogPane().getStylesheets().setAll(stylesheets.get());
        dialog.getDialogPane().getStyleClass().add("ns-dialog");
        dialog.getDialogPane().setMinWidth(440);
        return dialog;
    }
}
