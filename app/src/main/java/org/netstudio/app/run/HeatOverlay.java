package org.netstudio.app.run;

/**
 * A map of values in [0, 1] laid over an image: the image dimmed to gray, the map on top from
 * transparent through red to yellow, so that what the net looked at glows and the rest recedes.
 * Pure pixels; no JavaFX.
 */
public final class HeatOverlay {

    private HeatOverlay() {
    }

    /**
     * @param image the image
     * @param map   {@code width × height} values in [0, 1], row by row
     * @return the image with the map over it
     */
    public static SeenImage over(SeenImage image, float[] map) {
        if (map.length != image.width() * image.height()) {
            throw new IllegalArgumentException("a map of " + map.length + " values for an image of "
                    + image.width() + " × " + image.height());
        }
        int[] out = new int[map.length];
        for (int i = 0; i < map.length; i++) {
            int p = image.argb()[i];
            int gray = (((p >> 16) & 255) * 30 + ((p >> 8) & 255) * 59 + (p & 255) * 11) / 100;
            double base = gray * 0.45;
            double t = Math.max(0, Math.min(1, map[i]));
            // Red rises first, then green (to yellow); the heat covers the gray as it grows.
            double r = 255 * Math.min(1, t * 2);
            double g = 255 * Math.max(0, t * 2 - 1);
            double alpha = Math.min(1, t * 1.2);
            int red = (int) Math.round(base * (1 - alpha) + r * alpha);
            int green = (int) Math.round(base * (1 - alpha) + g * alpha);
            int blue = (int) Math.round(base * (1 - alpha));
            out[i] = 0xFF000000 | red << 16 | green << 8 | blue;
        }
        return new SeenImage(image.width(), image.height(), out);
    }
}
