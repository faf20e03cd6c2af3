package org.netstudio.app.gallery;

/**
 * The gallery's resources are missing or broken (a packaging error, not a user's mistake); the
 * message names the resource and what is wrong with it.
 */
public final class GalleryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GalleryException(String message) {
        super(message);
    }

    public GalleryException(String message, Throwable cause) {
        super(message, cause);
    }
}
