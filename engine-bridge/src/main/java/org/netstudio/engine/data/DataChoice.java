package org.netstudio.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What data a person asked for: a built-in set, or a CSV file with its target column, a folder
 * of images (or of texts), or a plain text file.
 *
 * @param source the source, not null
 * @param path the CSV file or image folder; null for built-in sets (and for a file not chosen yet)
 * @param targetColumn the CSV column holding the targets; null for the other sources (and before
 *     one is chosen)
 */
public record DataChoice(DatasetSource source, Path path, String targetColumn) {

    /** Checks that the source is given. */
    public DataChoice {
        Objects.requireNonNull(source, "source");
    }

    /** A source that needs no file (or whose file is not chosen yet). */
    public static DataChoice of(DatasetSource source) {
        return new DataChoice(source, null, null);
    }

    /**
     * Reads what a person typed, as the command line's {@code --data NAME [--target COLUMN]}: a
     * built-in name ({@link DatasetSource#names()}), a {@code .csv} file or a folder of images.
     * Whether the CSV file exists is left to {@link DatasetCatalog#open}, which says so.
     *
     * @param name the name, file or folder
     * @param targetColumn the CSV target column, or null
     * @return the choice
     * @throws IllegalArgumentException starting with the name, when it is no name, no CSV file and
     *     no folder
     */
    public static DataChoice parse(String name, String targetColumn) {
        var builtIn = DatasetSource.named(name);
        if (builtIn.isPresent()) {
            return of(builtIn.get());
        }
        Path path = Path.of(name);
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new DataChoice(DatasetSource.CSV, path, targetColumn);
        }
        if (Files.isDirectory(path)) {
            return new DataChoice(DatasetSource.IMAGE_FOLDER, path, null);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return new DataChoice(DatasetSource.TEXT_FILE, path, null);
        }
        String names = String.join(", ", DatasetSource.names());
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(name + ": not a dataset name (" + names
                    + "), nor a .csv file, a .txt text or a folder of images");
        }
        throw new IllegalArgumentException(name + ": a file must be a .csv table or a .txt text (or give a folder of images, or one of "
                + names + ")");
    }
}
