package org.netstudio.inspector;

import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Token stylesheets for the inspector on its own (demo, tests, a detached window). Colours are
 * looked-up CSS tokens in three layers: a palette ({@code -ns-blue-5}), meanings ({@code
 * -ns-fg-muted}, {@code -ns-danger}, {@code -ns-cat-convolution}) and components ({@code
 * -ns-ins-label}). A theme sheet defines the first two on {@code .root} with the same names and
 * values as the app's {@code theme-light.css} / {@code theme-dark.css}; the component rules
 * ({@link #COMPONENTS}) come with {@link InspectorPanel} itself and use only meaning tokens.
 * Inside the app, the app's theme provides the tokens and no InspectorTheme is needed, except the
 * {@code -ns-cat-*} category colours, which the app's theme (or the canvas's) must define.
 */
public enum InspectorTheme {
    LIGHT("theme-light.css"),
    DARK("theme-dark.css");

    /** The rules of the inspector's components; {@link InspectorPanel} adds it to itself. */
    public static final String COMPONENTS = url("inspector.css");

    private final String stylesheet;

    InspectorTheme(String file) {
        this.stylesheet = url(file);
    }

    private static String url(String file) {
        return Objects.requireNonNull(InspectorTheme.class.getResource(file), () -> "missing stylesheet " + file)
                .toExternalForm();
    }

    /** "light" or "dark" (any case); anything else is {@link #LIGHT}. */
    public static InspectorTheme named(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }

    /** The token stylesheet of this theme. */
    public String stylesheet() {
        return stylesheet;
    }

    /** Puts this theme (and no other inspector theme) on the scene. */
    public void apply(Scene scene) {
        swap(scene.getStylesheets());
    }

    /** For a sub-tree: the parent also gets the {@code root} style class the tokens hang on. */
    public void apply(Parent parent) {
        if (!parent.getStyleClass().contains("root")) {
            parent.getStyleClass().add("root");
        }
        swap(parent.getStylesheets());
    }

    private void swap(List<String> sheets) {
        for (InspectorTheme t : values()) {
            sheets.remove(t.stylesheet);
        }
        sheets.add(0, stylesheet);
    }
}
