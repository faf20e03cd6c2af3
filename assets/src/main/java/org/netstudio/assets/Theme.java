package org.netstudio.assets;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * A colour theme of NetStudio: the one definition of its colour tokens, for every module. Colours
 * are looked-up CSS colours at {@code .root} in three layers: a palette ({@code -ns-blue-5}),
 * meanings ({@code -ns-fg-muted}, {@code -ns-danger}, {@code -ns-cat-convolution}) and the stock
 * controls' colours derived from them. A theme's {@linkplain #stylesheets() token sheets} define
 * the first two; each module's component sheet (the canvas's, the inspector's, the trainer's, the
 * window's) uses meaning tokens only, so one set of components serves every theme and swapping the
 * token sheets restyles everything live. Java code never sets colours.
 *
 * <p>Plain data (stylesheet URLs), so that this module needs no JavaFX: a scene applies a theme
 * with {@code theme.applyTo(scene.getStylesheets())}.
 */
public enum Theme {
    LIGHT("Light", "theme-light.css"),
    DARK("Dark", "theme-dark.css");

    /** The meanings every theme maps alike (accents, states, categories); each theme adds its own. */
    private static final String COMMON = url("theme-common.css");

    private final String label;
    private final String stylesheet;

    Theme(String label, String file) {
        this.label = label;
        this.stylesheet = url(file);
    }

    private static String url(String file) {
        URL url = Objects.requireNonNull(Theme.class.getResource("theme/" + file), () -> "missing stylesheet " + file);
        return url.toExternalForm();
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

    /** The name people see: "Light", "Dark". */
    public String label() {
        return label;
    }

    /** The URLs of this theme's token stylesheets, to come before every component sheet. */
    public List<String> stylesheets() {
        return List.of(COMMON, stylesheet);
    }

    /**
     * Puts this theme's token sheets at the front of {@code sheets} (a scene's or a parent's
     * stylesheets) in place of any theme's, keeping the other sheets in their order.
     */
    public void applyTo(List<String> sheets) {
        for (Theme theme : values()) {
            sheets.remove(theme.stylesheet);
        }
        sheets.remove(COMMON);
        sheets.addAll(0, stylesheets());
    }
}
