package org.netstudio.app.window.background;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * A view's work off the FX thread (loading a net, running it): one background thread, one job after
 * another, results and failures handed back on the FX thread. Busy while a job is queued or running.
 */
public class BackgroundJobs {

    private final ExecutorService worker;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private int pending;

    /** @param threadName the name of its (daemon) thread, as a thread dump shows it */
    public BackgroundJobs(String threadName) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Call on the FX thread; {@code done} or {@code failed} is called on it later. */
    public <T> void submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
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

    /** Runs {@code work} on the background thread after what is queued, without telling anyone. */
    public void later(Runnable work) {
        worker.execute(work);
    }

    /** Ends the thread once what is queued has run; nothing can be queued after. */
    public void shutdown() {
        worker.shutdown();
    }
}
