package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.netstudio.app.document.Autosave;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Keeps the autosave folder in step with the open nets: unsaved work is written there, a net saved
 * or closed is forgotten, and a clean exit leaves nothing. Every write and delete runs in order on
 * one background thread, so the UI never waits on the disk; a failed one is tried again at the next
 * tick (or the next start), the nets themselves are untouched.
 */
public final class AutosaveWriter {

    private static final ExecutorService AUTOSAVE_IO = DaemonThreads.single("netstudio-autosave");

    private final Autosave autosave;
    private CompletableFuture<Void> lastIo = CompletableFuture.completedFuture(null);

    AutosaveWriter(Autosave autosave) {
        this.autosave = autosave;
    }

    Autosave autosave() {
        return autosave;
    }

    /**
     * Writes every net of {@code tabs} with unsaved changes, and forgets clean ones. The nets are
     * immutable values, so they are taken here and written on the autosave thread. Returns when
     * the writing is done.
     */
    public CompletableFuture<Void> write(List<NetTab> tabs) {
        record Snapshot(String key, NetDocument doc, Optional<Path> file, boolean dirty) {
        }
        List<Snapshot> nets = tabs.stream().map(t -> new Snapshot(t.autosaveKey(), t.net().document(),
                t.net().file(), t.net().isDirty())).toList();
        return io(() -> {
            for (Snapshot n : nets) {
                if (n.dirty()) {
                    autosave.write(n.key(), n.doc(), n.file());
                } else {
                    autosave.delete(n.key());
                }
            }
        });
    }

    /**
     * Removes, on the autosave thread, the temporaries that saves killed half-way (a crash, kill -9)
     * left beside {@code files}.
     */
    void removeOrphansBeside(List<Path> files) {
        io(() -> files.forEach(AtomicFiles::removeOrphans));
    }

    /** Forgets what was autosaved for the net of {@code tab} (saved or closed). */
    void forget(NetTab tab) {
        String key = tab.autosaveKey();
        io(() -> autosave.delete(key));
    }

    /** Completes when every autosave write and delete asked for so far is done. */
    public CompletableFuture<Void> idle() {
        return lastIo;
    }

    /** A clean exit: nothing is left to recover. Waits (briefly) for the autosave thread to finish. */
    public void clear() {
        try {
            io(autosave::clear).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // offered again at the next start; harmless
        }
    }

    private CompletableFuture<Void> io(IoStep step) {
        lastIo = CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (IOException e) {
                // the next tick (or the next start) tries again; the nets themselves are untouched
            }
        }, AUTOSAVE_IO);
        return lastIo;
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }
}
