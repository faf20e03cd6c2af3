package org.netstudio.app.window.gallery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.GalleryWeights;
import org.netstudio.app.gallery.WeightsCancel;
import org.netstudio.app.gallery.WeightsChecksumException;

/**
 * One download of a gallery entry's weights that a person asked for, on a thread of its own, telling
 * a listener how it goes on the {@code ui} executor (the JavaFX thread in the window): progress,
 * coalesced so that a fast download cannot flood the UI, then exactly one {@link Result}, after any
 * progress. {@link #cancel()} interrupts it; the result then says so once the thread has stopped and
 * nothing of the file is left in the cache. No JavaFX.
 */
public final class WeightsDownloadJob {

    /** Told on the ui executor. */
    public interface Listener {
        /** Bytes so far and in all (-1 when unknown). */
        void progress(long done, long total);

        /** The end: downloaded, failed or cancelled. */
        void finished(Result result);
    }

    /** How a download ended. */
    public enum Outcome { DONE, FAILED, CANCELLED }

    /**
     * @param outcome how it ended
     * @param file    the verified file in the cache, when done
     * @param message a plain sentence for the person who asked (empty when done)
     * @param detail  the underlying error's own message, for a tooltip or log (empty when none)
     */
    public record Result(Outcome outcome, Path file, String message, String detail) {
    }

    private final Thread thread;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final WeightsCancel stop = new WeightsCancel();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<long[]> latest = new AtomicReference<>();
    private final AtomicBoolean progressPosted = new AtomicBoolean();

    private WeightsDownloadJob(GalleryWeights weights, GalleryEntry entry, Executor ui, Listener listener) {
        thread = new Thread(() -> run(weights, entry, ui, listener), "netstudio-weights-" + entry.id());
        thread.setDaemon(true);
    }

    /** Starts downloading {@code entry}'s weights into {@code weights}' cache now. */
    public static WeightsDownloadJob start(GalleryWeights weights, GalleryEntry entry, Executor ui, Listener listener) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(listener, "listener");
        WeightsDownloadJob job = new WeightsDownloadJob(weights, entry, ui, listener);
        job.thread.start();
        return job;
    }

    /** Stops the download; the partial file is deleted and the result is CANCELLED (unless it had just ended). */
    public void cancel() {
        if (!finished.get() && cancelled.compareAndSet(false, true)) {
            stop.cancel();
            thread.interrupt();
        }
    }

    /** Whether the download is still going (its result not yet sent). */
    public boolean running() {
        return !finished.get();
    }

    /** Waits for the download's thread to end (tests, and a window closing). */
    public void join() throws InterruptedException {
        thread.join();
    }

    private void run(GalleryWeights weights, GalleryEntry entry, Executor ui, Listener listener) {
        Result result;
        try {
            Path file = weights.download(entry, (done, total) -> post(done, total, ui, listener), stop);
            result = new Result(Outcome.DONE, file, "", "");
        } catch (IOException | RuntimeException e) {
            result = cancelled.get() ? new Result(Outcome.CANCELLED, null, "Download cancelled; nothing was kept.", "")
                    : new Result(Outcome.FAILED, null, explain(entry, e), detail(e));
        }
        if (result.outcome() == Outcome.DONE && cancelled.get()) {
            // Cancelled as the last bytes arrived: the verified file is kept, and it is done.
            cancelled.set(false);
        }
        Result end = result;
        finished.set(true);
        ui.execute(() -> listener.finished(end));
    }

    /** Keeps the newest progress and posts it to the UI unless a post is already waiting there. */
    private void post(long done, long total, Executor ui, Listener listener) {
        latest.set(new long[] {done, total});
        if (progressPosted.compareAndSet(false, true)) {
            ui.execute(() -> {
                progressPosted.set(false);
                long[] p = latest.get();
                listener.progress(p[0], p[1]);
            });
        }
    }

    /** A plain sentence saying what went wrong, for the card. */
    static String explain(GalleryEntry entry, Exception e) {
        String host = entry.weightsDownload().map(d -> d.url().getHost()).orElse("the server");
        if (e instanceof WeightsChecksumException) {
            return "The downloaded file was damaged (its checksum does not match the gallery's), so it was deleted."
                    + " Try again.";
        }
        if (e instanceof UnknownHostException || e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
            return "Cannot reach " + host + ". Check the internet connection and try again.";
        }
        if (e instanceof HttpTimeoutException || e instanceof InterruptedIOException) {
            return host + " stopped answering before the download was complete. Try again.";
        }
        String m = detail(e);
        return "The download failed: " + (m.isEmpty() ? e.getClass().getSimpleName() : m) + (m.endsWith(".") ? "" : ".");
    }

    private static String detail(Exception e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }
}
