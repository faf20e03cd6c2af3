package org.netstudio.engine.data;

import java.util.Random;
import org.netstudio.netgraph.net.ImageAugmentation;

/**
 * Varies one picture as an {@link ImageAugmentation} says, with the draws of a random source: a
 * shift (the random crop of a padded picture), a mirror, a tilt about the centre, brightness and
 * contrast. The geometric changes are one resampling (bilinear, 0 outside the picture), so a
 * picture is blurred at most once. Stateless apart from the random source it is given.
 */
public final class ImageAugmenter {

    private final ImageAugmentation augmentation;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param augmentation what to vary
     * @param shape the picture's shape: channels, height, width
     */
    public ImageAugmenter(ImageAugmentation augmentation, long[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("Augmentation varies pictures of shape channels × height × width, not "
                    + java.util.Arrays.toString(shape));
        }
        this.augmentation = augmentation;
        this.channels = (int) shape[0];
        this.height = (int) shape[1];
        this.width = (int) shape[2];
    }

    /**
     * Varies a picture.
     *
     * @param source the picture, channel after channel, row after row
     * @param target where the varied picture goes, as long as the source
     * @param random the draws
     */
    public void vary(float[] source, float[] target, Random random) {
        ImageAugmentation a = augmentation;
        int dx = a.crop() > 0 ? random.nextInt(2 * a.crop() + 1) - a.crop() : 0;
        int dy = a.crop() > 0 ? random.nextInt(2 * a.crop() + 1) - a.crop() : 0;
        boolean mirror = a.flip() && random.nextBoolean();
        double angle = a.rotation() > 0 ? Math.toRadians((2 * random.nextDouble() - 1) * a.rotation()) : 0;
        double shift = a.brightness() > 0 ? (2 * random.nextDouble() - 1) * a.brightness() : 0;
        double scale = a.contrast() > 0 ? 1 + (2 * random.nextDouble() - 1) * a.contrast() : 1;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            double sum = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    // Where this target pixel comes from: undo the shift, then the tilt, then the mirror.
                    double u = x - dx - cx;
                    double v = y - dy - cy;
                    double sx = cos * u + sin * v + cx;
                    double sy = -sin * u + cos * v + cy;
                    if (mirror) {
                        sx = width - 1 - sx;
                    }
                    float value = angle == 0 ? nearest(source, base, sx, sy) : bilinear(source, base, sx, sy);
                    target[base + y * width + x] = value;
                    sum += value;
                }
            }
            if (scale != 1 || shift != 0) {
                double mean = sum / plane;
                for (int i = base; i < base + plane; i++) {
                    target[i] = (float) ((target[i] - mean) * scale + mean + shift);
                }
            }
        }
    }

    /** Whole-pixel moves and mirrors need no interpolation: the exact source value, or 0 outside. */
    private float nearest(float[] source, int base, double sx, double sy) {
        int x = (int) Math.round(sx);
        int y = (int) Math.round(sy);
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : source[base + y * width + x];
    }

    private float bilinear(float[] source, int base, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        return (float) ((1 - fy) * ((1 - fx) * at(source, base, x0, y0) + fx * at(source, base, x0 + 1, y0))
                + fy * ((1 - fx) * at(source, base, x0, y0 + 1) + fx * at(source, base, x0 + 1, y0 + 1)));
    }

    private double at(float[] source, int base, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : source[base + y * width + x];
    }
}
