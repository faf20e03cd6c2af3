package org.netstudio.trainer.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What data the person asked for.
 *
 * @param source the source
 * @param path the CSV file or image folder, null for the other sources
 * @param targetColumn the CSV column holding the targets, null for the other sources
 */
public record DataChoice(DataSource source, Path path, String targetColumn) {

    /** Checks that the source is given. */
    public DataChoice {
        Objects.requireNonNull(source, "source");
    }

    /** A source that needs no file. */
    public static DataChoice of(DataSource source) {
        return new DataChoice(source, null, null);
    }
}
