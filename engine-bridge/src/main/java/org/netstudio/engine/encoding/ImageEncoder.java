package org.netstudio.engine.encoding;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns an image into the float tensor a net takes: resized (bilinear) to {@code width × height},
 * converted to grayscale or RGB, scaled to [0, 1] and normalised per channel as {@code (v - mean) /
 * std}. The result is channels first: shape {@code (channels, height, width)}, row-major.
 *
 * <p>Eight-bit grayscale images are read by sample value, not through Java2D's colour conversion
 * (which would change gray levels). Alpha is ignored. Immutable and thread-safe.
 *
 * @param width output width in pixels, at least 1
 * @param height output height in pixels, at least 1
 * @param colorSpace grayscale or RGB, not null
 * @param mean one value for all channels or one per channel, in [0, 1] units; kept one per channel
 * @param std one value for all channels or one per channel, each positive; kept one per channel
 */
public record ImageEncoder(int width, int height, ColorSpace colorSpace, float[] mean, float[] std) {

    /** Validates the encoder and spreads a single mean or standard deviation over the channels. */
    public ImageEncoder {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("An image size must be at least 1×1, but was " + width + "×" + height);
        }
        Objects.requireNonNull(colorSpace, "colorSpace");
        mean = perChannel("mean", mean, colorSpace.channels());
        std = perChannel("std", std, colorSpace.channels());
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("A standard deviation must be positive, but was " + s);
            }
        }
    }

    /**
     * Creates an encoder that only scales to [0, 1] (mean 0, standard deviation 1).
     *
     * @param width output width
     * @param height output height
     * @param colorSpace grayscale or RGB
     * @return the encoder
     */
    public static ImageEncoder of(int width, int height, ColorSpace colorSpace) {
        return new ImageEncoder(width, height, colorSpace, new float[] {0f}, new float[] {1f});
    }

    /**
     * Returns this encoder with other normalisation constants.
     *
     * @param newMean one value or one per channel
     * @param newStd one value or one per channel
     * @return a new encoder
     */
    public ImageEncoder withNormalization(float[] newMean, float[] newStd) {
        return new ImageEncoder(width, height, colorSpace, newMean, newStd);
    }

    private static float[] perChannel(String what, float[] values, int channels) {
        Objects.requireNonNull(values, what);
        if (values.length == 1) {
            float[] out = new float[channels];
            Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != channels) {
            throw new IllegalArgumentException("Give one " + what + " or one per channel (" + channels + "), but "
                    + values.length + " were given");
        }
        return values.clone();
    }

    /** The per-channel means (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviations (a copy). */
    public float[] std() {
        return std.clone();
    }

    /** The output shape {@code (channels, height, width)}. */
    public Shape shape() {
        return new Shape(colorSpace.channels(), height, width);
    }

    /** The number of floats per image: channels × height × width. */
    public int length() {
        return colorSpace.channels() * height * width;
    }

    /**
     * Encodes an image into a new array.
     *
     * @param image any image, not null
     * @return {@link #length()} floats, channels first
     */
    public float[] encode(BufferedImage image) {
        float[] out = new float[length()];
        encode(image, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Encodes an image into a buffer at its position, advancing it by {@link #length()}.
     *
     * @param image any image, not null
     * @param destination where to write
     */
    public void encode(BufferedImage image, FloatBuffer destination) {
        int srcW = image.getWidth();
        int srcH = image.getHeight();
        int channels = colorSpace.channels();
        float[][] planes = readPlanes(image, channels);
        float scaleX = (float) srcW / width;
        float scaleY = (float) srcH / height;
        for (int c = 0; c < channels; c++) {
            float[] plane = planes[c];
            float m = mean[c];
            float inv = 1f / std[c];
            for (int y = 0; y < height; y++) {
                // Pixel centres are aligned (as in PIL and torchvision), so an unscaled image stays the same.
                float sy = Math.max(0f, (y + 0.5f) * scaleY - 0.5f);
                int y0 = Math.min((int) sy, srcH - 1);
                int y1 = Math.min(y0 + 1, srcH - 1);
                float fy = sy - y0;
                for (int x = 0; x < width; x++) {
                    float sx = Math.max(0f, (x + 0.5f) * scaleX - 0.5f);
                    int x0 = Math.min((int) sx, srcW - 1);
                    int x1 = Math.min(x0 + 1, srcW - 1);
                    float fx = sx - x0;
                    float top = plane[y0 * srcW + x0] * (1 - fx) + plane[y0 * srcW + x1] * fx;
                    float bottom = plane[y1 * srcW + x0] * (1 - fx) + plane[y1 * srcW + x1] * fx;
                    float v = (top * (1 - fy) + bottom * fy) / 255f;
                    destination.put((v - m) * inv);
                }
            }
        }
    }

    /** Reads the image at its own size as 0–255 float planes in this encoder's colour space. */
    private static float[][] readPlanes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = new float[channels][w * h];
        Raster raster = image.getRaster();
        boolean gray8 = image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8
                        && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY);
        if (gray8) {
            int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < samples.length; i++) {
                    planes[c][i] = samples[i];
                }
            }
            return planes;
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            if (channels == 1) {
                planes[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                planes[0][i] = r;
                planes[1][i] = g;
                planes[2][i] = b;
            }
        }
        return planes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageEncoder e && e.width == width && e.height == height && e.colorSpace == colorSpace
                && Arrays.equals(e.mean, mean) && Arrays.equals(e.std, std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, colorSpace, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "ImageEncoder[" + width + "×" + height + " " + colorSpace + ", mean " + Arrays.toString(mean)
                + ", std " + Arrays.toString(std) + "]";
    }
}
