package org.netstudio.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file exists but cannot be understood: a corrupt or truncated IDX file, a CSV row of
 * the wrong length, an image that does not decode. The message names the file and, where it
 * applies, the line and column.
 */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the file at fault, may be null when there is no file
     * @param message what is wrong, for a person; the file name is prepended
     */
    public DatasetFormatException(Path file, String message) {
        super(file == null ? message : file + ": " + message);
        this.file = file;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the file at fault, may be null
     * @param message what is wrong, for a person; the file name is prepended
     * @param cause the underlying error
     */
    public DatasetFormatException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault, or null. */
    public Path file() {
        return file;
    }
}
