package org.netstudio.app.window.tryit;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Runs Try It's work (loading a net, running it) on one background thread, one job after another,
 * and hands results and failures back on the FX thread. Busy while a job is queued or running.
 */
final class TryItJobs {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-try-it");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private int pending;

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Call on the FX thread; {@code done} or {@code failed} is called on it later. */
    <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        pending++;
        busy.set(true);
        worker.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            T r = result;
            Throwable f = failure;
            Platform.runLater(() -> {
                pending--;
                busy.set(pending > 0);
                if (f == null) {
                    done.accept(r);
                } else {
                    failed.accept(f);
                }
            });
        });
    }

    /**
     * As {@link #submit}, for a view that shows the answer to its latest question only: {@code done}
     * gets the result, or {@code error} the failure as a sentence, while {@code latest} still holds.
     */
    <T> void submitLatest(Callable<T> work, BooleanSupplier latest, Consumer<T> done, Consumer<String> error) {
        submit(work, result -> {
            if (latest.getAsBoolean()) {
                done.accept(result);
            }
        }, failure -> {
            if (latest.getAsBoolean()) {
                error.accept(Failures.sentence(failure));
            }
        });
    }

    /** Runs {@code work} on the background thread after what is queued, without telling anyone. */
    void later(Runnable work) {
        worker.execute(work);
    }
}
