package org.netstudio.app;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * A colour theme. Its stylesheet defines the palette and the meaning tokens at {@code .root};
 * {@code netstudio.css} styles the components with the meaning tokens only, so it serves every theme.
 */
public enum Theme {
    LIGHT("Light", "theme-light.css"),
    DARK("Dark", "theme-dark.css");

    private static final String COMPONENTS = "netstudio.css";

    private final String label;
    private final String stylesheet;

    Theme(String label, String stylesheet) {
        this.label = label;
        this.stylesheet = stylesheet;
    }

    /** The theme called {@code name} ("light", "dark"; any case), else {@link #LIGHT}. */
    public static Theme named(String name) {
        for (Theme theme : values()) {
            if (theme.name().equalsIgnoreCase(name)) {
                return theme;
            }
        }
        return LIGHT;
    }

    public String label() {
        return label;
    }

    /** The scene's stylesheets for this theme, tokens first. */
    public List<String> stylesheets() {
        return List.of(resource(stylesheet), resource(COMPONENTS));
    }

    private static String resource(String name) {
        URL url = Objects.requireNonNull(Theme.class.getResource(name), () -> "missing stylesheet " + name);
        return url.toExternalForm();
    }
}
