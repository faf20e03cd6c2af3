package org.netstudio.app.window.preview;

/** Where the example the canvas previews comes from. */
public enum PreviewSource {
    /** Numbers drawn at random for each input (uniform in [0, 1), or random indices), numbered by a seed. */
    RANDOM("Random input"),
    /** An example of the data loaded in the net's trainer panel (its test split when it has one). */
    DATA("Trainer data"),
    /** An image file, through the net input's image encoder. */
    IMAGE("Image file…");

    private final String label;

    PreviewSource(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
