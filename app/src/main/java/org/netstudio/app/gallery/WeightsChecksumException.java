package org.netstudio.app.gallery;

import java.io.IOException;

/**
 * A downloaded weights file whose SHA-256 disagrees with the gallery's index: a broken download,
 * or a file the server changed. It was deleted; the message names both checksums.
 */
public final class WeightsChecksumException extends IOException {

    private static final long serialVersionUID = 1L;

    public WeightsChecksumException(String message) {
        super(message);
    }
}
