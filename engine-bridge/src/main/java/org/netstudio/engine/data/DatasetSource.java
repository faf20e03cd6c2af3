package org.netstudio.engine.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where training data comes from, in the order the trainer's data menu lists them: the built-in
 * sets NetStudio knows by name (generated, or the IDX image sets), then the kinds of file.
 * {@link DatasetCatalog} turns a {@link DataChoice} of one of these into a dataset.
 */
public enum DatasetSource {
    /** 2 or 3 interleaved spiral arms (as many as the net has outputs; 3 when it says nothing). */
    SPIRALS("spirals", "Spirals", Kind.GENERATED),
    /** Two interleaving half circles. */
    MOONS("moons", "Moons (2 classes)", Kind.GENERATED),
    /** Points in the square, labelled by the signs of their coordinates. */
    XOR("xor", "XOR (2 classes)", Kind.GENERATED),
    /** A linear regression problem with as many inputs as the net takes (3 when it says nothing). */
    LINEAR("linear", "Linear regression", Kind.GENERATED),
    /** Token sequences of varying length; the class is the marker token that occurs most often. */
    MAJORITY("majority", "Majority (token sequences)", Kind.GENERATED),
    /** Zalando's Fashion-MNIST. */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", Kind.IDX),
    /** LeCun's MNIST digits. */
    MNIST("mnist", "MNIST", Kind.IDX),
    /** Definitions of WordNet nouns labelled animal, artifact, food or plant, for sentence classifiers ({@link WordNetNouns}). */
    WORDNET_NOUNS("wordnet-nouns", "WordNet nouns (sentences)", Kind.PACKAGED),
    /** A CSV file with a target column. */
    CSV(null, "CSV file…", Kind.CSV),
    /** A folder with one sub-folder of images per class. */
    IMAGE_FOLDER(null, "Folder of images…", Kind.IMAGE_FOLDER),
    /** A plain text, cut into windows, for a net that reads text to predict what comes next. */
    TEXT_FILE(null, "Text file…", Kind.TEXT_FILE);

    /** How a source is obtained. */
    public enum Kind {
        /** Made on the spot from a fixed seed; no download. */
        GENERATED,
        /** A well-known image set in IDX files, on disk or downloaded on request. */
        IDX,
        /** Installed by a Debian package; read where the package puts it, never downloaded. */
        PACKAGED,
        /** A CSV file with a target column. */
        CSV,
        /** A folder with one sub-folder of images per class. */
        IMAGE_FOLDER,
        /** A plain text file. */
        TEXT_FILE
    }

    private final String id;
    private final String label;
    private final Kind kind;

    DatasetSource(String id, String label, Kind kind) {
        this.id = id;
        this.label = label;
        this.kind = kind;
    }

    /** The names of the built-in sets, as the command line's {@code --data} takes them. */
    public static List<String> names() {
        return Arrays.stream(values()).filter(DatasetSource::builtIn).map(s -> s.id).toList();
    }

    /**
     * The built-in set a name means: its {@link #id()}, in any case, with {@code _} for {@code -}
     * or without the dash ({@code FASHION_MNIST}, {@code fashionmnist}).
     *
     * @param name what a person typed
     * @return the set, or empty when the name is none of {@link #names()}
     */
    public static Optional<DatasetSource> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(DatasetSource::builtIn)
                .filter(s -> s.id.equals(key) || s.id.replace("-", "").equals(key)).findFirst();
    }

    /** The name the command line takes ({@code spirals}, {@code fashion-mnist}), or null for a kind of file. */
    public String id() {
        return id;
    }

    /** How the source reads in a menu. */
    public String label() {
        return label;
    }

    /** How the source is obtained. */
    public Kind kind() {
        return kind;
    }

    /** Whether this is a set NetStudio knows by name (not a file the person chooses). */
    public boolean builtIn() {
        return kind == Kind.GENERATED || kind == Kind.IDX || kind == Kind.PACKAGED;
    }

    /** Whether this built-in set is labelled texts, for a net that reads text. */
    public boolean isTexts() {
        return this == WORDNET_NOUNS;
    }

    /** Whether the source needs a file or folder chosen first. */
    public boolean needsPath() {
        return kind == Kind.CSV || kind == Kind.IMAGE_FOLDER || kind == Kind.TEXT_FILE;
    }

    /** Whether the data depends on the net it feeds (spiral arms, linear inputs, image size, majority classes). */
    public boolean followsTheNet() {
        return this == SPIRALS || this == LINEAR || this == IMAGE_FOLDER || this == MAJORITY;
    }

    @Override
    public String toString() {
        return label;
    }
}
