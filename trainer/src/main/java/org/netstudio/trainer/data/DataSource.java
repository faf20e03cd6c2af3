package org.netstudio.trainer.data;

/** Where training data can come from, in the order the data menu lists them. */
public enum DataSource {
    SPIRALS("Spirals (3 classes)", Kind.GENERATED),
    MOONS("Moons (2 classes)", Kind.GENERATED),
    XOR("XOR (2 classes)", Kind.GENERATED),
    FASHION_MNIST("Fashion-MNIST", Kind.IDX),
    MNIST("MNIST", Kind.IDX),
    CSV("CSV file…", Kind.CSV),
    IMAGE_FOLDER("Folder of images…", Kind.IMAGE_FOLDER);

    /** How a source is obtained. */
    public enum Kind {
        /** Made on the spot from a seed: 2-D points. */
        GENERATED,
        /** A well-known image set in IDX files, on disk or downloaded on request. */
        IDX,
        /** A CSV file with a target column. */
        CSV,
        /** A folder with one sub-folder of images per class. */
        IMAGE_FOLDER
    }

    private final String label;
    private final Kind kind;

    DataSource(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    /** How the source reads in a menu. */
    public String label() {
        return label;
    }

    /** How the source is obtained. */
    public Kind kind() {
        return kind;
    }

    /** Whether the source needs a file or folder chosen first. */
    public boolean needsPath() {
        return kind == Kind.CSV || kind == Kind.IMAGE_FOLDER;
    }

    @Override
    public String toString() {
        return label;
    }
}
