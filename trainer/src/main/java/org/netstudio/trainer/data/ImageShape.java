package org.netstudio.trainer.data;

/**
 * How an example's features form an image, channels first.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) {

    /** The number of features of one image. */
    public int length() {
        return channels * height * width;
    }
}
