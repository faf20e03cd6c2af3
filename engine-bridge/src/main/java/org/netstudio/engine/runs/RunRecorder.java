package org.netstudio.engine.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.train.Checkpoint;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingListener;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;

/**
 * Records one training run into its folder of a {@link RunStore} while it trains: {@code run.json}
 * rewritten whole after every epoch and at the end, {@code epochs.csv} and {@code batches.csv}
 * appended and flushed every epoch, {@code best.safetensors} replaced whenever an epoch improves,
 * {@code net.nsnet} written once at the start. A crash loses at most the epoch under way; the run
 * then reads as {@link RunStatus#CRASHED}.
 *
 * <p><b>Use.</b> For a run that may be resumed, start the record first so that its checkpoints go
 * into the run:
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.start(store, RunSubject.of(document, weights, "spirals", "cli"));
 * PreparedTraining training = NetTrain.prepare(net, weights, data, recorder.withCheckpoints(options));
 * recorder.attach(training);
 * training.run();
 * }</pre>
 * For any other training (a sweep's trial), {@link #record(PreparedTraining, RunStore, RunSubject)}
 * does it in one call. {@link #resume(RunStore, String)} reopens a stopped or crashed run to
 * continue it from its checkpoint into the same record.
 *
 * <p>Problems writing the record never fail training: the first one is kept ({@link #problem()})
 * and recording stops. Listener methods run on the training thread.
 */
public final class RunRecorder implements TrainingListener {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunStore store;
    private final Path folder;
    private final String id;
    private final ObjectNode record;
    private final int resumedAfter;
    /** For a resumed run, its record as it was before, put back if the resume is abandoned. */
    private final byte[] recordBefore;
    private final double earlierSeconds;
    private RunLock lock;
    private PreparedTraining training;
    private Writer epochs;
    private Writer batches;
    private long step;
    private String problem;
    private boolean finished;

    private RunRecorder(RunStore store, Path folder, ObjectNode record, int resumedAfter, RunLock lock,
            byte[] recordBefore) {
        this.recordBefore = recordBefore;
        this.store = store;
        this.folder = folder;
        this.id = record.path("id").asText();
        this.record = record;
        this.resumedAfter = resumedAfter;
        this.earlierSeconds = record.path("timings").path("seconds").asDouble(0);
        this.lock = lock;
    }

    /**
     * Creates a new run's folder, locks it, and writes {@code net.nsnet} and a first {@code
     * run.json} (status running).
     *
     * @param store where the run goes
     * @param subject what is trained
     * @return the recorder; {@link #attach} it to the training
     * @throws IOException when the folder or its files cannot be written
     */
    public static RunRecorder start(RunStore store, RunSubject subject) throws IOException {
        Instant now = Instant.now();
        String id = store.newId(now);
        Path folder = store.folder().resolve(id);
        while (Files.exists(folder)) {
            id = store.newId(now);
            folder = store.folder().resolve(id);
        }
        Files.createDirectories(folder);
        RunLock lock = RunLock.take(folder);
        try {
            NetFiles.write(folder.resolve(RunRecord.NET_FILE), subject.net(), subject.weights());
            ObjectNode o = JSON.createObjectNode();
            o.put("format", "netstudio-run");
            o.put("version", 1);
            o.put("id", id);
            o.put("status", RunStatus.RUNNING.id());
            o.put("origin", subject.origin());
            subject.tags().forEach(o.putArray("tags")::add);
            if (subject.tags().isEmpty()) {
                o.putArray("tags");
            }
            o.put("started", now.toString());
            o.putNull("ended");
            ObjectNode net = o.putObject("net");
            net.put("name", subject.net().name() == null ? "" : subject.net().name());
            net.put("sha256", netHash(subject.net()));
            net.put("startedFromWeights", !subject.weights().isEmpty());
            ObjectNode data = o.putObject("data");
            data.put("name", subject.data());
            data.put("description", subject.dataDescription());
            o.put("epochs", 0);
            o.put("bestEpoch", 0);
            o.putObject("best");
            o.put("resumes", 0);
            o.put("message", "");
            RunRecorder r = new RunRecorder(store, folder, o, 0, lock, null);
            r.writeRecord();
            return r;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Reopens a stopped, failed or crashed run to continue it from its checkpoint: the lines of
     * epochs after the checkpoint are dropped (they will be trained again), the status is running
     * again and {@code resumes} counts one more.
     *
     * @param store the run's store
     * @param id the run's id
     * @return the recorder; train with {@link #withCheckpoints} and {@link #attach} it
     * @throws IOException with a sentence for people when there is no such run, it is still
     *     running, completed all its epochs, or has no checkpoint
     */
    public static RunRecorder resume(RunStore store, String id) throws IOException {
        RunRecord run = store.find(id).orElseThrow(() -> new IOException("There is no run " + id + " in "
                + store.folder()));
        if (run.status() == RunStatus.UNREADABLE) {
            throw new IOException("The run " + id + " cannot be resumed: " + run.problem());
        }
        if (run.status() == RunStatus.RUNNING) {
            throw new IOException("The run " + id + " is still running");
        }
        int epoch = Checkpoint.epochIn(run.checkpointFolder()).orElseThrow(() -> new IOException("The run " + id
                + " has no checkpoint to resume from (it was trained without checkpoints, or before its first one)"));
        RunLock lock = RunLock.take(run.folder());
        try {
            byte[] before = Files.readAllBytes(run.folder().resolve(RunRecord.RUN_JSON));
            ObjectNode o = (ObjectNode) JSON.readTree(before);
            o.put("status", RunStatus.RUNNING.id());
            o.putNull("ended");
            o.put("message", "");
            o.put("resumes", o.path("resumes").asInt(0) + 1);
            o.put("epochs", epoch);
            RunRecorder r = new RunRecorder(store, run.folder(), o, epoch, lock, before);
            r.writeRecord();
            return r;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Starts a record and attaches it to a training in one call, for trainings that need no
     * resumable checkpoints (a sweep's trials).
     *
     * @param training the training, not yet started
     * @param store where the run goes
     * @param subject what is trained
     * @return the recorder
     * @throws IOException when the run's folder cannot be written
     */
    public static RunRecorder record(PreparedTraining training, RunStore store, RunSubject subject) throws IOException {
        return start(store, subject).attach(training);
    }

    /** The run's id, also its folder's name. */
    public String id() {
        return id;
    }

    /** The run's folder. */
    public Path folder() {
        return folder;
    }

    /** The store the run is in. */
    public RunStore store() {
        return store;
    }

    /** Where the run's resumable checkpoint goes. */
    public Path checkpointFolder() {
        return folder.resolve(RunRecord.CHECKPOINT_FOLDER);
    }

    /** The epoch a resumed run continues after; 0 for a new run. */
    public int resumedAfterEpoch() {
        return resumedAfter;
    }

    /**
     * The options with this run's checkpoint folder, and for a resumed run the checkpoint to
     * continue from.
     *
     * @param options the options the user chose
     * @return the options to train with
     */
    public TrainingOptions withCheckpoints(TrainingOptions options) {
        TrainingOptions.Builder b = options.toBuilder().checkpointFolder(checkpointFolder());
        if (resumedAfter > 0) {
            b.resumeFrom(checkpointFolder());
        }
        return b.build();
    }

    /**
     * Records a training: its options and device now, its batches, epochs and end as it goes.
     *
     * @param training the training, not yet started
     * @return this recorder
     */
    public RunRecorder attach(PreparedTraining training) {
        if (this.training != null) {
            throw new IllegalStateException("This recorder already records a training");
        }
        this.training = Objects.requireNonNull(training, "training");
        TrainingOptions options = training.options();
        if (resumedAfter > 0) {
            Optional<String> changed = changedOptions(options);
            if (changed.isPresent()) {
                abandon("Not resumed: " + changed.get());
                throw new IllegalArgumentException("The run " + id + " cannot be resumed with other options: "
                        + changed.get());
            }
        }
        if (resumedAfter > 0) {
            // The epochs after the checkpoint are trained again: their lines go.
            try {
                RunCsv.keepEpochs(folder.resolve(RunRecord.EPOCHS_CSV), e -> e <= resumedAfter);
                RunCsv.keepEpochs(folder.resolve(RunRecord.BATCHES_CSV), e -> e <= resumedAfter);
            } catch (IOException e) {
                fail(e);
            }
        }
        ObjectNode recorded = record.putObject("options");
        OptionsText.of(options).forEach((k, v) -> putValue(recorded, k, v));
        record.put("device", options.device().toString());
        try {
            epochs = open(RunRecord.EPOCHS_CSV, EpochRow.HEADER);
            batches = open(RunRecord.BATCHES_CSV, RunCsv.BATCH_HEADER);
            writeRecord();
        } catch (IOException e) {
            fail(e);
        }
        training.addListener(this);
        return this;
    }

    /**
     * Ends a record whose training never ran (preparing it failed): status failed with the
     * message, lock released. A resumed run gets its record back as it was before.
     *
     * @param message why, for people
     */
    public void abandon(String message) {
        if (finished) {
            return;
        }
        if (recordBefore != null) {
            safely(() -> AtomicFiles.write(folder.resolve(RunRecord.RUN_JSON), recordBefore));
            close();
            return;
        }
        record.put("status", RunStatus.FAILED.id());
        record.put("message", message);
        record.put("ended", Instant.now().toString());
        safely(this::writeRecord);
        close();
    }

    /** The first problem writing the record, if any; recording stopped there. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (problem != null && !(event instanceof TrainingEvent.Finished || event instanceof TrainingEvent.Failed)) {
            return;
        }
        if (event instanceof TrainingEvent.BatchEnded b) {
            batch(b);
        } else if (event instanceof TrainingEvent.EpochEnded e) {
            safely(() -> epoch(e));
        } else if (event instanceof TrainingEvent.Finished f) {
            finish(f.result());
        } else if (event instanceof TrainingEvent.Failed f) {
            finish(f.result());
        }
    }

    private void batch(TrainingEvent.BatchEnded b) {
        step = (long) (b.epoch() - 1) * b.batchesPerEpoch() + b.batch();
        safely(() -> batches.write(b.epoch() + "," + b.batch() + "," + step + "," + RunCsv.number(b.loss()) + ","
                + (b.accuracy().isPresent() ? RunCsv.number(b.accuracy().getAsDouble()) : "") + ","
                + RunCsv.number(b.learningRate()) + "," + b.examplesTrained() + "\n"));
    }

    private void epoch(TrainingEvent.EpochEnded e) throws IOException {
        EpochMetrics m = e.metrics();
        batches.flush();
        epochs.write(RunCsv.line(new EpochRow(m.epoch(), m.training().loss(), accuracy(m.training()),
                m.validation().map(Metrics::loss).orElse(Double.NaN),
                m.validation().map(RunRecorder::accuracy).orElse(Double.NaN), m.learningRate(), m.seconds(),
                e.improved())));
        epochs.flush();
        if (e.improved()) {
            Weights weights = training.currentWeights();
            AtomicFiles.write(folder.resolve(RunRecord.BEST_WEIGHTS), Safetensors.toBytes(weights));
            record.put("bestEpoch", m.epoch());
            putBest(m);
        }
        record.put("epochs", m.epoch());
        writeRecord();
    }

    private void finish(TrainingResult r) {
        if (finished) {
            return;
        }
        safely(() -> {
            if (batches != null) {
                batches.flush();
            }
            record.put("status", (r.stopReason() == StopReason.STOPPED ? RunStatus.STOPPED
                    : r.stopReason() == StopReason.FAILED ? RunStatus.FAILED : RunStatus.COMPLETED).id());
            record.put("stopReason", r.stopReason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            record.put("message", r.message());
            record.put("ended", Instant.now().toString());
            record.put("epochs", r.epochsCompleted());
            record.put("bestEpoch", r.bestEpoch());
            r.finalMetrics().ifPresent(this::putBest);
            ObjectNode t = record.putObject("timings");
            t.put("seconds", earlierSeconds + r.totalSeconds());
            t.put("trainingSeconds", r.trainingSeconds());
            t.put("samplesPerSecond", r.samplesPerSecond());
            t.put("batches", r.batches());
            t.put("examplesTrained", r.examplesTrained());
            writeRecord();
        });
        close();
    }

    private void putBest(EpochMetrics m) {
        ObjectNode best = record.putObject("best");
        best.put("epoch", m.epoch());
        putNumber(best, "trainLoss", m.training().loss());
        putNumber(best, "trainAccuracy", accuracy(m.training()));
        putNumber(best, "validationLoss", m.validation().map(Metrics::loss).orElse(Double.NaN));
        putNumber(best, "validationAccuracy", m.validation().map(RunRecorder::accuracy).orElse(Double.NaN));
    }

    /** Which recorded options differ from these, ignoring the number of epochs (a resume may ask for more). */
    private Optional<String> changedOptions(TrainingOptions options) {
        JsonNode before = record.path("options");
        StringBuilder diff = new StringBuilder();
        for (Map.Entry<String, Object> e : OptionsText.of(options).entrySet()) {
            JsonNode old = before.get(e.getKey());
            String now = String.valueOf(e.getValue());
            if (old != null && !e.getKey().equals("maxEpochs") && !old.asText().equals(now)
                    && !(e.getValue() instanceof Number n && old.isNumber() && old.asDouble() == n.doubleValue())) {
                diff.append(diff.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(now)
                        .append(" instead of ").append(old.asText());
            }
        }
        return diff.length() == 0 ? Optional.empty() : Optional.of(diff.toString());
    }

    private Writer open(String name, String header) throws IOException {
        Path file = folder.resolve(name);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(header + "\n");
            w.flush();
        }
        return w;
    }

    private void writeRecord() throws IOException {
        AtomicFiles.write(folder.resolve(RunRecord.RUN_JSON), JSON.writeValueAsBytes(record));
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private void safely(IoStep step) {
        if (problem != null) {
            return;
        }
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        if (problem == null) {
            problem = "Recording the run " + id + " in " + folder + " failed: " + e.getMessage();
        }
    }

    private void close() {
        finished = true;
        for (Writer w : new Writer[] {epochs, batches}) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    fail(e);
                }
            }
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private static double accuracy(Metrics m) {
        return m.accuracy().isPresent() ? m.accuracy().getAsDouble() : Double.NaN;
    }

    private static void putNumber(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    private static void putValue(ObjectNode o, String key, Object value) {
        if (value instanceof Integer i) {
            o.put(key, i);
        } else if (value instanceof Long l) {
            o.put(key, l);
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            o.put(key, n.doubleValue());
        } else if (value instanceof Boolean b) {
            o.put(key, b);
        } else {
            o.put(key, String.valueOf(value));
        }
    }

    /**
     * The SHA-256 of a net's {@code net.json} text, in hex: what {@code run.json} records as the
     * net's version; equal for equal nets (layout included).
     *
     * @param net the net document
     * @return 64 hex digits
     */
    public static String netHash(org.netstudio.netgraph.net.NetDocument net) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(NetFileWriter.toBytes(net)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
