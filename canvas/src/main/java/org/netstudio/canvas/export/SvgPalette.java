package org.netstudio.canvas.export;

import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours an SVG export uses, as CSS colour strings: taken from the live theme by the canvas,
 * or {@link #DEFAULT} (the light theme) when there is none.
 *
 * @param accents category style class → accent colour
 */
public record SvgPalette(String background, String body, String border, String text, String muted, String wire,
                         String danger, Map<String, String> accents) {

    public static final SvgPalette DEFAULT = new SvgPalette("#f6f7f9", "#ffffff", "#d5d9e0", "#1d2330", "#5d6678",
            "#8a93a3", "#d92d20", Map.of());

    public SvgPalette {
        accents = Map.copyOf(accents);
    }

    public String accent(String category) {
        return accents.getOrDefault(category, "#6b7a90");
    }

    /** "#rrggbb" or "rgba(…)" for a paint (non-colours become grey). */
    public static String css(Paint p) {
        if (!(p instanceof Color c)) {
            return "#888888";
        }
        int r = (int) Math.round(c.getRed() * 255);
        int g = (int) Math.round(c.getGreen() * 255);
        int b = (int) Math.round(c.getBlue() * 255);
        if (c.getOpacity() < 1) {
            return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", r, g, b, c.getOpacity());
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
