package org.netstudio.trainer;

import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;

/**
 * Token stylesheets for the trainer panel on its own (demo, tests). A theme sheet defines the
 * palette and meaning tokens ({@code -ns-accent}, {@code -ns-fg-muted}, …) on {@code .root} with the
 * same names and values as the app's themes; the component rules ({@link #COMPONENTS}) come with
 * {@link TrainerPanel} and use only meaning tokens, so inside the app the app's theme serves them.
 */
public enum TrainerTheme {
    LIGHT("theme-light.css"),
    DARK("theme-dark.css");

    /** The rules of the panel's components; {@link TrainerPanel} adds it to itself. */
    public static final String COMPONENTS = url("trainer.css");

    private final String stylesheet;

    TrainerTheme(String file) {
        this.stylesheet = url(file);
    }

    private static String url(String file) {
        return Objects.requireNonNull(TrainerTheme.class.getResource(file), () -> "missing stylesheet " + file)
                .toExternalForm();
    }

    /** The token stylesheet of this theme. */
    public String stylesheet() {
        return stylesheet;
    }

    /** Puts this theme (and no other trainer theme) on the scene. */
    public void apply(Scene scene) {
        List<String> sheets = scene.getStylesheets();
        for (TrainerTheme t : values()) {
            sheets.remove(t.stylesheet);
        }
        sheets.add(0, stylesheet);
    }
}
