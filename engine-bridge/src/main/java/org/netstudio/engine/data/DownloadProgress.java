package org.netstudio.engine.data;

/**
 * Receives progress of a download, on the downloading thread; implementations must return quickly
 * (hand the numbers over to the UI thread, don't wait on it).
 */
@FunctionalInterface
public interface DownloadProgress {

    /** Ignores progress. */
    DownloadProgress NONE = (file, done, total) -> { };

    /**
     * Called repeatedly while a file downloads, and once when it is complete.
     *
     * @param file the file being downloaded
     * @param bytesDone bytes received so far
     * @param bytesTotal the total, or -1 when unknown
     */
    void progress(RemoteFile file, long bytesDone, long bytesTotal);
}
