package org.netstudio.engine.run;

import ai.djl.Model;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.train.LossKind;
import org.netstudio.engine.train.TrainingListener;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.engine.train.TrainingLoop;
import org.netstudio.engine.train.TrainingThread;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * One training of a net, prepared by {@link NetTrain#prepare}: run it once with {@link #run()} on
 * the calling thread or {@link #start()} on a new one, and stop it at any moment with
 * {@link #stop()}; either way the result is a usable {@link TrainedNet}. The native memory of
 * training is freed when the run ends.
 *
 * <p><b>Threads.</b> {@link #stop()} may be called from any thread, a listener included.
 * Listeners are called on the training thread and must return quickly (see
 * {@link TrainingListener}). Add listeners before starting.
 */
public final class PreparedTraining {

    private final NetNode net;
    private final CompiledNet compiled;
    private final Model model;
    private final TrainingLoop run;
    private final LossKind loss;
    private final boolean softmaxFused;
    private final Map<String, String> metadata;
    private final List<String> freshArrays;
    private final Binding binding;
    private final CompletableFuture<TrainedNet> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    PreparedTraining(NetNode net, CompiledNet compiled, Model model, TrainingLoop run, LossKind loss, boolean softmaxFused,
                Map<String, String> metadata, List<String> freshArrays, Binding binding) {
        this.net = net;
        this.compiled = compiled;
        this.model = model;
        this.run = run;
        this.loss = loss;
        this.softmaxFused = softmaxFused;
        this.metadata = Map.copyOf(metadata);
        this.freshArrays = List.copyOf(freshArrays);
        this.binding = binding;
    }

    /** How the data feeds the net: each input's column, each trained output's target column, the losses. */
    public Binding binding() {
        return binding;
    }

    /**
     * The arrays that start from their seeded initial values although weights were given: those
     * the weights lack or hold in another shape (a new or resized layer). Empty when every array
     * starts from the weights, or when none were given.
     */
    public List<String> freshArrays() {
        return freshArrays;
    }

    /** The options this training runs with. */
    public org.netstudio.engine.train.TrainingOptions options() {
        return run.options();
    }

    /** The loss training minimises (automatic resolved: cross-entropy for classes, else mean squared). */
    public LossKind loss() {
        return loss;
    }

    /**
     * Whether the net's final Softmax is left out while training, its cross-entropy computed from
     * the scores before it as one stable log-softmax. The returned net keeps its Softmax.
     */
    public boolean softmaxFused() {
        return softmaxFused;
    }

    /**
     * Adds a listener; call before the run starts.
     *
     * @param listener receives every batch, epoch and final event, on the training thread
     * @return this training
     */
    public PreparedTraining addListener(TrainingListener listener) {
        run.addListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The net's current weights, copied into Java memory: call it from a listener (on the training
     * thread, between batches, e.g. to draw a decision boundary after each epoch) or after the run
     * ended; at any other moment training may be changing them.
     *
     * @return the weights, or {@link Weights#EMPTY} before the net is initialised
     */
    public Weights currentWeights() {
        return compiled.isInitialized() ? NetWeights.read(compiled, metadata) : Weights.EMPTY;
    }

    /**
     * Trains on the calling thread.
     *
     * @return the trained net: the best epoch's weights, or after a failure or stop the best so
     *         far (see {@link TrainingResult})
     * @throws IllegalStateException when this training was already started
     */
    public TrainedNet run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This training was already started; prepare a new one");
        }
        try {
            TrainingResult r = run.run();
            Weights weights = compiled.isInitialized() ? NetWeights.read(compiled, metadata) : Weights.EMPTY;
            TrainedNet trained = new TrainedNet(net, weights, r);
            result.complete(trained);
            return trained;
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            throw e;
        } finally {
            model.close();
        }
    }

    /**
     * Trains on a new daemon thread named "netstudio-training".
     *
     * @return the future trained net
     * @throws IllegalStateException when this training was already started
     */
    public CompletableFuture<TrainedNet> start() {
        if (started.get()) {
            throw new IllegalStateException("This training was already started; prepare a new one");
        }
        TrainingThread.start(this::run);
        return result;
    }

    /**
     * Asks training to stop before its next batch; returns at once. Waiting on the returned
     * future from the training thread (inside a listener) would deadlock.
     *
     * @return the future trained net
     */
    public CompletableFuture<TrainedNet> stop() {
        run.stop();
        return result;
    }

    /** The future trained net, completed when training ends. */
    public CompletableFuture<TrainedNet> result() {
        return result;
    }
}
