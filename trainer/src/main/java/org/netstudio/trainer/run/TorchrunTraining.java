package org.netstudio.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.torchrun.PyTorchProject;
import org.netstudio.engine.torchrun.TorchrunJob;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.engine.weights.WeightsImport;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.trainer.boundary.DecisionGrid;
import org.netstudio.trainer.boundary.PlaneBounds;
import org.netstudio.trainer.data.LoadedData;

/**
 * One training the panel hands to PyTorch: the net is exported as a PyTorch project into a folder
 * of its own, {@code torchrun} trains it there on several processes, and its progress lines come
 * back as the {@code TrainingEvent}s NetStudio's own trainer sends, so the panel plots them the
 * same way. At the end the best epoch's weights are read back (names and shapes checked), the
 * trained net is evaluated on the examples the panel holds back, as after its own training, and for
 * planar data its class regions are drawn.
 *
 * <p>Threads: exporting and starting run on a thread of their own; the job's events arrive on its
 * reading thread; the evaluation runs on the panel's worker. Nothing waits for the UI.
 */
public final class TorchrunTraining implements TrainingSession {

    private final ProjectRecipe recipe;
    private final SessionSetting setting;
    private final TrainerInbox<TrainerNews> inbox;
    private final CompletableFuture<TrainedNet> result = new CompletableFuture<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private volatile TorchrunJob job;
    private volatile boolean stopped;
    private volatile boolean closing;

    private TorchrunTraining(ProjectRecipe recipe, SessionSetting setting) {
        this.recipe = recipe;
        this.setting = setting;
        this.inbox = setting.inbox();
    }

    /**
     * Exports the project and starts torchrun on a thread of its own; returns at once. Problems
     * (an opaque layer, no Python, a failing train.py) reach the inbox as one sentence each.
     *
     * @param recipe the net as it trains, the options (their validation share included) and the examples
     * @param initial the weights to start from, or null for PyTorch's initial values
     * @param data the data the examples come from (what is held back is evaluated at the end)
     * @param launch which Python and how many processes
     * @param projectDir where the project goes; must not exist yet
     * @param inbox where news goes
     * @param worker runs the final evaluation
     * @return the session
     */
    public static TorchrunTraining start(ProjectRecipe recipe, Weights initial, LoadedData data, TorchrunLaunch launch,
            Path projectDir, TrainerInbox<TrainerNews> inbox, Executor worker) {
        TorchrunTraining session = new TorchrunTraining(recipe, SessionSetting.of(data,
                recipe.options().validationFraction(), recipe.options().seed(), inbox, worker));
        Thread t = new Thread(() -> session.exportAndStart(initial, launch, projectDir),
                "netstudio-torchrun-export");
        t.setDaemon(true);
        t.start();
        return session;
    }

    private void exportAndStart(Weights initial, TorchrunLaunch launch, Path projectDir) {
        try {
            PyTorchProject.write(recipe.doc(), Optional.ofNullable(initial), recipe.options(), recipe.data(), projectDir);
            // For a cluster: the same processes on each of several machines (two, as an example to edit).
            inbox.post(new TrainerNews.ProjectWritten(projectDir, new TorchrunLaunch(launch.python(),
                    launch.processesPerNode(), 2, "HOST:29500").clusterCommand()));
            synchronized (this) {
                if (stopped) {
                    throw new IOException("Stopped before torchrun started; the project is in " + projectDir + ".");
                }
                job = TorchrunJob.start(projectDir, launch, event -> inbox.post(new TrainerNews.Training(event,
                        System.nanoTime())));
            }
            job.result().whenComplete(this::finished);
        } catch (IOException | RuntimeException e) {
            fail("PyTorch training could not start: " + sentence(e));
        }
    }

    private void finished(TrainingResult r, Throwable error) {
        try {
            if (error != null) {
                fail("PyTorch training failed: " + sentence(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error));
                return;
            }
            Path best = job.bestWeights();
            if (!Files.isRegularFile(best)) {
                // No epoch completed: train.py's failure (already shown by its Failed event) or an early stop.
                fail(r.stopReason() == StopReason.FAILED ? r.message()
                        : "PyTorch stopped before its first epoch ended; there are no weights to bring back.");
                return;
            }
            Weights weights = WeightsImport.read(best, recipe.doc());
            TrainedNet trained = new TrainedNet(recipe.doc().net(), weights, r);
            result.complete(trained);
            if (!closing) {
                setting.worker().execute(this::evaluate);
            }
        } catch (IOException | RuntimeException e) {
            fail("PyTorch's best weights could not be brought back: " + sentence(e));
        } finally {
            settled.complete(null);
        }
    }

    private void evaluate() {
        try {
            TrainedNet trained = result.join();
            PlaneBounds bounds = setting.bounds();
            if (bounds != null) {
                // The class regions of the weights PyTorch kept (its epochs' weights stay in its processes).
                inbox.post(new TrainerNews.Boundary(DecisionGrid.compute(trained.net(), trained.weights(), bounds,
                        trained.result().bestEpoch())));
            }
            HeldBack held = setting.held();
            inbox.post(new TrainerNews.Evaluated(held.evaluate(trained,
                    NetTrain.bind(trained.net(), held.training(), recipe.data().mapping()))));
        } catch (RuntimeException e) {
            inbox.post(new TrainerNews.Problem("The net PyTorch trained could not be evaluated: " + sentence(e)));
        }
    }

    /** The result fails first, so that the panel, hearing the problem, sees training over. */
    private void fail(String message) {
        result.completeExceptionally(new IllegalStateException(message));
        settled.complete(null);
        if (!closing) {
            inbox.post(new TrainerNews.Problem(message));
        }
    }

    private static String sentence(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Ends torchrun and its processes; the best epoch so far comes back as usual. */
    @Override
    public void stop() {
        synchronized (this) {
            stopped = true;
        }
        TorchrunJob running = job;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public CompletableFuture<Void> close() {
        closing = true;
        stop();
        return job == null && !result.isDone() ? CompletableFuture.completedFuture(null) : settled;
    }

    @Override
    public CompletableFuture<TrainedNet> result() {
        return result;
    }

    @Override
    public int trainingSize() {
        return setting.trainingSize();
    }
}
