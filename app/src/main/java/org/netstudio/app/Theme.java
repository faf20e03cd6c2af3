package org.netstudio.app;

import java.net.URL;
import java.util.List;
import java.util.Objects;

import org.netstudio.canvas.CanvasTheme;

/**
 * A colour theme. Its stylesheet is the one token sheet of the application: the palette and the
 * meaning tokens at {@code .root}, for every module's components. The component sheets — the
 * canvas's {@code canvas.css} (palette, nodes, problems, breadcrumb), the inspector's
 * {@code inspector.css} (added by the panel itself) and {@code netstudio.css} — use the meaning
 * tokens only, so they serve every theme and switching the token sheet switches everything live.
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
        return List.of(resource(stylesheet), CanvasTheme.COMPONENTS, resource(COMPONENTS));
    }

    private static String resource(String name) {
        URL url = Objects.requireNonNull(Theme.class.getResource(name), () -> "missing stylesheet " + name);
        return url.toExternalForm();
    }
}
