package org.netstudio.canvas;

import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The canvas themes. Colours are looked-up CSS tokens in three layers: a palette ({@code -ns-blue-5}),
 * meanings ({@code -ns-accent}, {@code -ns-danger}, {@code -ns-cat-convolution}) and components
 * ({@code -ns-node-bg}); the theme stylesheet defines the first two on {@code .root}, the
 * component stylesheet ({@link #COMPONENTS}) uses them. Java code never sets colours.
 */
public enum CanvasTheme {
    LIGHT("theme-light.css"),
    DARK("theme-dark.css");

    /** The rules of the canvas components (nodes, wires, palette, problems, breadcrumb). */
    public static final String COMPONENTS = url("canvas.css");

    private final String stylesheet;

    CanvasTheme(String file) {
        this.stylesheet = url(file);
    }

    private static String url(String file) {
        return CanvasTheme.class.getResource(file).toExternalForm();
    }

    /** The token stylesheet of this theme. */
    public String stylesheet() {
        return stylesheet;
    }

    /** Puts this theme (and no other canvas theme) on the scene, with the component rules. */
    public void apply(Scene scene) {
        swap(scene.getStylesheets());
    }

    /** For a sub-tree: the parent also gets the {@code root} style class that the tokens hang on. */
    public void apply(Parent parent) {
        if (!parent.getStyleClass().contains("root")) {
            parent.getStyleClass().add("root");
        }
        swap(parent.getStylesheets());
    }

    private void swap(List<String> sheets) {
        for (CanvasTheme t : values()) {
            sheets.remove(t.stylesheet);
        }
        sheets.remove(COMPONENTS);
        sheets.add(stylesheet);
        sheets.add(COMPONENTS);
    }
}
