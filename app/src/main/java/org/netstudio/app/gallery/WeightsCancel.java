package org.netstudio.app.gallery;

import java.io.Closeable;
import java.io.IOException;

/**
 * Lets another thread stop a weights download under way ({@link GalleryWeights#download(GalleryEntry,
 * GalleryWeights.Progress, WeightsCancel)}). Interrupting the downloading thread is not enough: the
 * JDK's HTTP response stream keeps waiting for bytes through an interrupt, so cancelling closes the
 * stream, which wakes it. Thread-safe.
 */
public final class WeightsCancel {

    private boolean cancelled;
    private Closeable stream;

    /** Stops the download: its connection is closed, and it ends with an InterruptedIOException. */
    public void cancel() {
        Closeable s;
        synchronized (this) {
            cancelled = true;
            s = stream;
        }
        closeQuietly(s);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** The stream the download reads from now; closed at once when already cancelled. */
    void attach(Closeable s) {
        boolean now;
        synchronized (this) {
            stream = s;
            now = cancelled;
        }
        if (now) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Closeable s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            // the download ends anyway; there is nothing left to do with this stream
        }
    }
}
