package org.netstudio.app.window.documents;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The background threads of the file commands: each runs its tasks one at a time, in the order given. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /** An executor on one thread called {@code name}, a daemon so that it never keeps the app from quitting. */
    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
