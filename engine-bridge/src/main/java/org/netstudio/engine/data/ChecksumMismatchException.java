package org.netstudio.engine.data;

import java.io.IOException;
import java.net.URI;

/** A downloaded file did not have the expected SHA-256; it has been deleted. */
public final class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the file expected
     * @param source where it came from
     * @param actual the SHA-256 of what arrived
     */
    public ChecksumMismatchException(RemoteFile file, URI source, String actual) {
        super("The download of " + file.fileName() + " from " + source + " has SHA-256 " + actual
                + ", but " + file.sha256() + " was expected; the file was discarded");
    }
}
