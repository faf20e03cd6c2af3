package org.netstudio.trainer.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.DivergenceWatch;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.trainer.boundary.DecisionGrid;
import org.netstudio.trainer.boundary.PlaneBounds;
import org.netstudio.trainer.data.LoadedData;

/**
 * One training started from the panel. Training runs on the engine's own thread; its events, a
 * decision boundary after each epoch (for planar data) and finally the evaluated result are posted
 * to the inbox. Nothing here waits for the UI, and the UI never waits for this.
 */
public final class PanelTraining implements TrainingSession {

    private final PreparedTraining run;
    private final SessionSetting setting;
    private final TrainerInbox<TrainerNews> inbox;
    private final NetNode net;
    /** Completes once training ended and what follows it (the evaluation) was handed to the worker. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    /** Set when the program ends: the result is not evaluated. */
    private volatile boolean closing;
    /** The newest boundary still to draw; older ones are skipped when the worker falls behind. */
    private final AtomicReference<Runnable> pendingBoundary = new AtomicReference<>();

    private PanelTraining(NetNode net, PreparedTraining run, SessionSetting setting) {
        this.net = net;
        this.run = run;
        this.setting = setting;
        this.inbox = setting.inbox();
    }

    /**
     * Prepares and starts a training, from given weights (fine-tuning: arrays they do not fit
     * start from initial values, {@link #freshArrays()}) or from seeded initial values.
     *
     * @param net the net to train (for text, the one holding the encoder built from the data)
     * @param initial the weights to start from, or null for the seeded initial values
     * @param data the data
     * @param mapping which columns feed which ports
     * @param options the options (their validation fraction is ignored)
     * @param validationFraction the share of the data held back for validation (a plain text holds back its end)
     * @param inbox where news goes
     * @param worker runs the boundary pictures and the final evaluation
     * @return the running session
     * @throws IllegalArgumentException when net, data, weights and options do not fit (the engine's message)
     */
    public static PanelTraining start(NetNode net, Weights initial, LoadedData data, DataMapping mapping,
            TrainingOptions options, double validationFraction, TrainerInbox<TrainerNews> inbox, Executor worker) {
        return start(net, initial, data, mapping, options, validationFraction, inbox, worker, null);
    }

    /**
     * As {@link #start(NetNode, Weights, LoadedData, DataMapping, TrainingOptions, double,
     * TrainerInbox, Executor)}, recording the run with {@code recorder} (null: not recorded).
     */
    public static PanelTraining start(NetNode net, Weights initial, LoadedData data, DataMapping mapping,
            TrainingOptions options, double validationFraction, TrainerInbox<TrainerNews> inbox, Executor worker,
            org.netstudio.engine.runs.RunRecorder recorder) {
        SessionSetting setting = SessionSetting.of(data, validationFraction, options.seed(), inbox, worker);
        TrainingOptions noSplit = options.toBuilder().validationFraction(0).build();
        PreparedTraining run = NetTrain.prepare(net, initial, setting.held().training(), setting.held().validation(),
                mapping, noSplit);
        PanelTraining session = new PanelTraining(net, run, setting);
        if (recorder != null) {
            recorder.attach(run);
        }
        run.addListener(session::onEvent);
        run.addListener(new DivergenceWatch(w -> inbox.post(new TrainerNews.Warning(w.message()))));
        run.start().whenComplete((trained, error) -> session.finished(trained, error));
        return session;
    }

    /** The arrays that start from initial values although weights were given (a new or resized layer). */
    public java.util.List<String> freshArrays() {
        return run.freshArrays();
    }

    /** On the training thread: hand the event over, and the weights for a boundary picture. */
    private void onEvent(TrainingEvent event) {
        inbox.post(new TrainerNews.Training(event, System.nanoTime()));
        PlaneBounds bounds = setting.bounds();
        if (bounds != null && event instanceof TrainingEvent.EpochEnded epoch) {
            Weights weights = run.currentWeights();
            int number = epoch.metrics().epoch();
            pendingBoundary.set(() -> inbox.post(new TrainerNews.Boundary(
                    DecisionGrid.compute(net, weights, bounds, number))));
            setting.worker().execute(this::drawPendingBoundary);
        }
    }

    private void drawPendingBoundary() {
        Runnable job = pendingBoundary.getAndSet(null);
        if (job != null) {
            try {
                job.run();
            } catch (RuntimeException e) {
                inbox.post(new TrainerNews.Problem("The decision boundary could not be drawn: " + e.getMessage()));
            }
        }
    }

    private void finished(TrainedNet trained, Throwable error) {
        try {
            report(trained, error);
        } finally {
            settled.complete(null);
        }
    }

    private void report(TrainedNet trained, Throwable error) {
        if (closing) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            inbox.post(new TrainerNews.Problem("Training failed: " + (cause instanceof Error || cause.getMessage() == null
                    ? cause.toString() : cause.getMessage())));
            return;
        }
        setting.worker().execute(() -> {
            try {
                inbox.post(new TrainerNews.Evaluated(setting.held().evaluate(trained, run.binding())));
            } catch (RuntimeException e) {
                inbox.post(new TrainerNews.Problem("The trained net could not be evaluated: " + e.getMessage()));
            }
        });
    }

    /**
     * For a program that ends: stops training without evaluating the result.
     *
     * @return completes once training has ended and nothing more of it will reach the worker
     */
    @Override
    public CompletableFuture<Void> close() {
        closing = true;
        run.stop();
        return settled;
    }

    /** Asks training to stop before its next batch; the best net so far comes back as usual. */
    @Override
    public void stop() {
        run.stop();
    }

    /** The future trained net. */
    @Override
    public CompletableFuture<TrainedNet> result() {
        return run.result();
    }

    /** The examples trained on, per epoch. */
    @Override
    public int trainingSize() {
        return setting.trainingSize();
    }
}
