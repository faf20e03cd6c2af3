package org.netstudio.app.window.tryit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Try It panel in a window of its own beside the main window (owned by it, so it stays above it
 * and closes with it), styled like it and re-styled when the theme changes. Made when first shown.
 */
public final class TryItWindow {

    /** Try It's component sheet, over the main window's theme sheets. */
    static final String STYLESHEET = TryItWindow.class.getResource("tryit.css").toExternalForm();

    private static final double WIDTH = 860;

    private final TryItPanel panel;
    private final Supplier<Window> owner;
    private final ObservableList<String> themeSheets;
    private Stage stage;

    /**
     * @param panel       the panel it shows
     * @param owner       the main window
     * @param themeSheets the main window's stylesheets, followed as they change
     */
    public TryItWindow(TryItPanel panel, Supplier<Window> owner, ObservableList<String> themeSheets) {
        this.panel = panel;
        this.owner = owner;
        this.themeSheets = themeSheets;
    }

    /** Shows the window (making it the first time) and brings it to the front. */
    public void show() {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner.get());
            stage.setTitle("Try It");
            Scene scene = new Scene(panel, WIDTH, 520);
            stage.setScene(scene);
            stage.setMinWidth(560);
            stage.setMinHeight(380);
            restyle(scene);
            themeSheets.addListener((ListChangeListener<String>) c -> restyle(scene));
            stage.showingProperty().addListener((o, was, now) -> panel.setActive(now));
            Window main = owner.get();
            if (main != null) {
                // Beside the main window's right edge, inside it, so it does not hide the canvas's middle.
                stage.setX(Math.max(0, main.getX() + main.getWidth() - WIDTH - 40));
                stage.setY(main.getY() + 110);
            }
        }
        stage.show();
        stage.toFront();
        stage.requestFocus();
        // Nothing is focused at first, so the first sentence is not shown selected.
        panel.requestFocus();
    }

    /** Whether it is on screen. */
    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    public void hide() {
        if (stage != null) {
            stage.hide();
        }
    }

    /** The window, once made (for tests and screenshots). */
    public Stage stage() {
        return stage;
    }

    private void restyle(Scene scene) {
        List<String> sheets = new ArrayList<>(themeSheets);
        sheets.add(STYLESHEET);
        scene.getStylesheets().setAll(sheets);
    }
}
