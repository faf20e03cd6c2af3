package org.netstudio.engine.torchrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.ParameterSnapshot;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingListener;
import org.netstudio.engine.train.TrainingResult;

/**
 * One run of an exported project's train.py under torchrun, as a NetStudio training: each JSON
 * progress line becomes the {@link TrainingEvent} NetStudio's own trainer sends (batches, epochs
 * with their validation metrics), and the run ends with {@link TrainingEvent.Finished} or {@link
 * TrainingEvent.Failed}, so whatever plots a NetStudio training plots this one.
 *
 * <p>A failing Python is reported in one message: train.py's own error line, else the last
 * line of the traceback (the exception), never the traceback. The {@link TrainingResult} carries
 * the history and the best epoch; its parameters are empty: the best weights are in {@link
 * #bestWeights()}, with NetStudio's array names.
 *
 * <p>Threads: the process's output is read on a daemon thread named "netstudio-torchrun", which
 * calls the listener; {@link #stop()} and {@link #result()} may be called from any thread.
 */
public final class TorchrunJob {

    /** How many lines of output a failure message may draw on. */
    private static final int KEPT_LINES = 40;
    private static final Pattern EXCEPTION = Pattern.compile("^[A-Za-z_.]*(Error|Exception|Interrupt)\\b:?.*");
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Process process;
    private final Path outDir;
    private final TrainingListener listener;
    private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private final List<EpochMetrics> history = new ArrayList<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile boolean stopRequested;
    private volatile Metrics test;
    private int maxEpochs;
    private int bestEpoch;
    private long batches;
    private long examples;
    private String doneReason;
    private String doneMessage;
    private String errorMessage;

    private TorchrunJob(Process process, Path outDir, TrainingListener listener) {
        this.process = process;
        this.outDir = outDir;
        this.listener = listener;
    }

    /**
     * Starts a run in {@code runs/<date-time>} inside the project.
     *
     * @see #start(Path, TorchrunLaunch, Path, List, TrainingListener)
     */
    public static TorchrunJob start(Path projectDir, TorchrunLaunch launch, TrainingListener listener)
            throws IOException {
        Path out = projectDir.resolve("runs").resolve(LocalDateTime.now().format(RUN_NAME));
        return start(projectDir, launch, out, List.of(), listener);
    }

    /**
     * Starts train.py under torchrun.
     *
     * @param projectDir the exported project (holding train.py)
     * @param launch which Python, how many processes
     * @param outDir where the run writes progress.jsonl, checkpoint.pt and best.safetensors
     * @param moreArguments further arguments for train.py, e.g. {@code --epochs 2}, {@code --resume DIR}
     * @param listener receives the events on the reading thread; must return quickly
     * @return the running job
     * @throws IOException when the project has no train.py or the process cannot start
     */
    public static TorchrunJob start(Path projectDir, TorchrunLaunch launch, Path outDir, List<String> moreArguments,
                                    TrainingListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Path script = projectDir.resolve("train.py");
        if (!Files.isRegularFile(script)) {
            throw new IOException(projectDir + " is not a PyTorch project exported by NetStudio: it has no train.py");
        }
        List<String> args = new ArrayList<>(List.of("--out", outDir.toAbsolutePath().toString()));
        args.addAll(moreArguments);
        ProcessBuilder pb = new ProcessBuilder(launch.command(Path.of("train.py"), args))
                .directory(projectDir.toFile()).redirectErrorStream(true);
        // Unbuffered, so each progress line arrives when it is printed; one thread per process on
        // the CPU, as torchrun would set for several processes anyway.
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        TorchrunJob job = new TorchrunJob(pb.start(), outDir, listener);
        job.process.getOutputStream().close();
        Thread reader = new Thread(job::read, "netstudio-torchrun");
        reader.setDaemon(true);
        reader.start();
        return job;
    }

    /** The folder of this run. */
    public Path outDir() {
        return outDir;
    }

    /** The best epoch's weights with NetStudio's names, written by train.py (present once an epoch completed). */
    public Path bestWeights() {
        return outDir.resolve("best.safetensors");
    }

    /** The test split's metrics with the best weights, as PyTorch measured them, when the data has a test split. */
    public Optional<Metrics> test() {
        return Optional.ofNullable(test);
    }

    /** The result, completed when the process has ended and the last event was sent. */
    public CompletableFuture<TrainingResult> result() {
        return result;
    }

    /**
     * Ends the run: torchrun and every training process it started. Returns at once; the result
     * (stop reason {@link StopReason#STOPPED}) follows when the processes are gone. The best weights
     * of the epochs completed so far stay in {@link #bestWeights()}.
     *
     * @return the future result
     */
    public CompletableFuture<TrainingResult> stop() {
        stopRequested = true;
        // Through the handle: Process.destroy() would also close the output the reader is reading.
        process.descendants().forEach(ProcessHandle::destroy);
        process.toHandle().destroy();
        Thread killer = new Thread(() -> {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "netstudio-torchrun-stop");
        killer.setDaemon(true);
        killer.start();
        return result;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Optional<ProgressLine> progress = ProgressLine.parse(line);
                if (progress.isPresent()) {
                    handle(progress.get());
                } else if (!line.isBlank()) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line.strip());
                }
            }
            int exit = process.waitFor();
            finish(exit);
        } catch (IOException | RuntimeException e) {
            if (stopRequested) {
                finish(-1);
                return;
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            fail("Reading the PyTorch training's output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while waiting for the PyTorch training");
        }
    }

    private void handle(ProgressLine p) {
        switch (p.event()) {
            case "batch" -> {
                maxEpochs = (int) p.integer("epochs", maxEpochs);
                batches = p.integer("step", batches + 1);
                examples = p.integer("examples", examples);
                listener.onEvent(new TrainingEvent.BatchEnded((int) p.integer("epoch", 1), (int) p.integer("batch", 1),
                        (int) p.integer("batches", 1), maxEpochs, p.number("loss").orElse(Double.NaN),
                        p.number("accuracy"), (int) p.integer("size", 0), p.number("learningRate").orElse(0),
                        examples));
            }
            case "epoch" -> {
                maxEpochs = (int) p.integer("epochs", maxEpochs);
                examples = p.integer("examples", examples);
                long seen = p.integer("trainExamples", 0);
                Metrics training = new Metrics(p.number("loss").orElse(Double.NaN), p.number("accuracy"), seen);
                OptionalDouble validationLoss = p.number("validationLoss");
                Optional<Metrics> validation = validationLoss.isPresent()
                        ? Optional.of(new Metrics(validationLoss.getAsDouble(), p.number("validationAccuracy"),
                                p.integer("validationExamples", 0)))
                        : Optional.empty();
                EpochMetrics metrics = new EpochMetrics((int) p.integer("epoch", history.size() + 1), training, validation,
                        p.number("learningRate").orElse(0), p.number("seconds").orElse(0));
                history.add(metrics);
                boolean improved = p.flag("improved");
                if (improved) {
                    bestEpoch = metrics.epoch();
                }
                listener.onEvent(new TrainingEvent.EpochEnded(metrics, maxEpochs, improved));
            }
            case "test" -> test = new Metrics(p.number("loss").orElse(Double.NaN), p.number("accuracy"),
                    p.integer("examples", 0));
            case "done" -> {
                doneReason = p.text("reason").orElse("completed");
                doneMessage = p.text("message").orElse(null);
                bestEpoch = (int) p.integer("bestEpoch", bestEpoch);
            }
            case "error" -> errorMessage = p.text("message").orElse(null);
            default -> {
                // A newer train.py's line this NetStudio does not know: nothing to plot.
            }
        }
    }

    private void finish(int exit) {
        if (stopRequested) {
            String message = (history.isEmpty() ? "Stopped before the first epoch ended"
                    : "Stopped after epoch " + history.size()) + (bestEpoch > 0 ? "; kept epoch " + bestEpoch : "");
            send(StopReason.STOPPED, message);
        } else if (exit == 0 && doneReason != null) {
            StopReason reason = "early-stopped".equals(doneReason) ? StopReason.EARLY_STOPPED : StopReason.COMPLETED;
            send(reason, doneMessage != null ? doneMessage
                    : "Completed " + history.size() + " epochs with PyTorch; kept epoch " + bestEpoch);
        } else {
            fail("PyTorch training failed (exit code " + exit + "): " + failureReason());
        }
    }

    /** train.py's own error line, else the exception line of a traceback, else the last line printed. */
    private String failureReason() {
        if (errorMessage != null) {
            return errorMessage;
        }
        List<String> lines = new ArrayList<>(lastLines);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (EXCEPTION.matcher(l).matches() && !l.startsWith("torch.distributed.elastic")
                    && !l.contains("ChildFailedError")) {
                return l;
            }
        }
        return lines.isEmpty() ? "it printed nothing" : lines.get(lines.size() - 1);
    }

    private void send(StopReason reason, String message) {
        TrainingResult r = result(reason, message);
        try {
            listener.onEvent(new TrainingEvent.Finished(r));
        } finally {
            result.complete(r);
        }
    }

    private void fail(String message) {
        TrainingResult r = result(StopReason.FAILED, message);
        try {
            listener.onEvent(new TrainingEvent.Failed(message, r));
        } finally {
            result.complete(r);
        }
    }

    private TrainingResult result(StopReason reason, String message) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double trainingSeconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        double rate = trainingSeconds > 0 ? examples / trainingSeconds : 0;
        return new TrainingResult(reason, message, history, bestEpoch, batches, examples, rate, trainingSeconds,
                seconds, ParameterSnapshot.empty(), Optional.empty());
    }
}
