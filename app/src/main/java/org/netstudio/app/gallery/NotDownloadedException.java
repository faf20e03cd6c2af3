package org.netstudio.app.gallery;

/**
 * A gallery net was used for what needs its downloadable files (a sentence encoder's model and
 * tokenizer) before they were downloaded; the message says in one sentence how to get them
 * ({@link GalleryWeights#howToDownload}).
 */
public final class NotDownloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotDownloadedException(String message) {
        super(message);
    }
}
