package org.netstudio.app.window;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.netstudio.engine.onnx.OnnxNodeSession;

/**
 * How the window ends when the program is told to stop from outside (SIGTERM, SIGINT, the session
 * ending) or quits: unsaved work is written to the autosave folder (and work offered back but not
 * yet answered for is kept), a running training is stopped and waited for, and the nets Try It
 * loaded and every ONNX Runtime session are freed — so that no native code (libtorch, ONNX
 * Runtime) is still running while the JVM tears itself down, which is what crashed it before.
 * JavaFX is left to end by its own shutdown hook, after this.
 *
 * <p>Each step is bounded in time, so a hung step cannot keep the program from ending. {@link #run()}
 * is the shutdown hook's body; {@link #settleOnFx()} is what the FX thread starts (also from
 * {@code Application.stop()} on a normal quit). Both may be called more than once.
 */
public final class ExitSequence implements Runnable {

    /** How long each step may take before the exit goes on without it. */
    static final long STEP_SECONDS = 15;

    private final Supplier<CompletableFuture<Void>> autosave;
    private final Supplier<CompletableFuture<Void>> training;
    private final Supplier<CompletableFuture<Void>> tryIt;
    private CompletableFuture<Void> settling;
    private boolean ran;

    /**
     * @param autosave writes every unsaved net to the autosave folder (FX thread)
     * @param training stops training and waits for the trainer's background work (FX thread)
     * @param tryIt    frees Try It's nets (FX thread)
     */
    ExitSequence(Supplier<CompletableFuture<Void>> autosave, Supplier<CompletableFuture<Void>> training,
            Supplier<CompletableFuture<Void>> tryIt) {
        this.autosave = Objects.requireNonNull(autosave, "autosave");
        this.training = Objects.requireNonNull(training, "training");
        this.tryIt = Objects.requireNonNull(tryIt, "tryIt");
    }

    /**
     * Starts the steps that belong to the FX thread, once: autosave, stop training, free Try It.
     * Call on the FX thread.
     *
     * @return completes when all three are done
     */
    public CompletableFuture<Void> settleOnFx() {
        if (settling == null) {
            CompletableFuture<Void> saved = quietly(autosave);
            CompletableFuture<Void> stopped = quietly(training);
            CompletableFuture<Void> freed = quietly(tryIt);
            settling = CompletableFuture.allOf(saved, stopped, freed);
        }
        return settling;
    }

    /** The FX steps, waited for (bounded): for {@code Application.stop()} on a normal quit. Call on the FX thread. */
    public void settleNow() {
        await(settleOnFx(), 3 * STEP_SECONDS);
    }

    private static CompletableFuture<Void> quietly(Supplier<CompletableFuture<Void>> step) {
        try {
            return step.get().exceptionally(e -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * The whole sequence, once (later calls return at once): the FX steps (if JavaFX still runs),
     * then ONNX Runtime. Call on any thread but the FX thread.
     */
    @Override
    public synchronized void run() {
        if (ran) {
            return;
        }
        ran = true;
        CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
        try {
            Platform.runLater(() -> started.complete(settleOnFx()));
            await(started.thenCompose(f -> f), 3 * STEP_SECONDS);
        } catch (IllegalStateException e) {
            // JavaFX has ended already (a normal quit ran the FX steps from Application.stop()).
        }
        OnnxNodeSession.closeAll();
    }

    /** Waits for a step, giving up after {@code seconds}. */
    static void await(CompletableFuture<?> step, long seconds) {
        try {
            step.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The exit goes on: a step that failed or hangs must not keep the program alive.
        }
    }
}
