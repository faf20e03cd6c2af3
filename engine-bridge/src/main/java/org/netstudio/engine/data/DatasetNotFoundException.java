package org.netstudio.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A dataset is not on this machine; the message lists where it was looked for and how to get it. */
public final class DatasetNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<Path> searched;

    /**
     * Creates the exception.
     *
     * @param message the explanation for the user
     * @param searched the folders that were searched
     */
    public DatasetNotFoundException(String message, List<Path> searched) {
        super(message);
        this.searched = List.copyOf(searched);
    }

    /** The folders that were searched. */
    public List<Path> searched() {
        return searched;
    }
}
