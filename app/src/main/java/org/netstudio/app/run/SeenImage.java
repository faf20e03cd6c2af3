package org.netstudio.app.run;

import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;

/**
 * An image as a net sees it: resized to its input and in its colour space, as opaque ARGB pixels
 * row by row (normalisation by mean and std undone, so it looks like a picture again).
 *
 * @param width  pixels across
 * @param height pixels down
 * @param argb   {@code width × height} pixels
 */
public record SeenImage(int width, int height, int[] argb) {

    /** The picture of values an encoder made ({@code channels × height × width}, channels first). */
    public static SeenImage of(ImageEncoder encoder, float[] values) {
        int w = encoder.width();
        int h = encoder.height();
        int plane = w * h;
        boolean gray = encoder.colorSpace() == ColorSpace.GRAYSCALE;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = level(encoder, values, 0, plane, i);
            int g = gray ? r : level(encoder, values, 1, plane, i);
            int b = gray ? r : level(encoder, values, 2, plane, i);
            argb[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new SeenImage(w, h, argb);
    }

    private static int level(ImageEncoder encoder, float[] values, int channel, int plane, int i) {
        float v = values[channel * plane + i] * encoder.std()[channel] + encoder.mean()[channel];
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
