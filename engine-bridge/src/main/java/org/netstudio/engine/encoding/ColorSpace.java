package org.netstudio.engine.encoding;

/** The colour space an {@link ImageEncoder} produces. */
public enum ColorSpace {
    /** One channel: luma {@code 0.299 R + 0.587 G + 0.114 B}. */
    GRAYSCALE(1),
    /** Three channels: red, green, blue. */
    RGB(3);

    private final int channels;

    ColorSpace(int channels) {
        this.channels = channels;
    }

    /** The number of channels, 1 or 3. */
    public int channels() {
        return channels;
    }
}
