package org.netstudio.engine.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as its {@code run.json} describes it, read by {@link RunStore}. Numbers that are absent
 * (no accuracy for a regression, no epoch yet) are NaN. An unreadable run has status {@link
 * RunStatus#UNREADABLE}, its folder name as id and the reason in {@link #problem()}.
 *
 * @param id the run's id, also its folder's name
 * @param folder the run's folder
 * @param status how it ended, or running, or crashed
 * @param started when it started, or null when unreadable
 * @param ended when it ended, or null
 * @param netName the net's name
 * @param netHash the SHA-256 of the net's {@code net.json} at the start, in hex
 * @param data the data's name as given
 * @param dataDescription a sentence about the data, may be empty
 * @param device where it trained, e.g. "cpu"
 * @param origin who started it: "cli", "panel", "sweep ID trial N"
 * @param tags free labels
 * @param options every training option, by name, as text, in a fixed order
 * @param epochs the epochs completed
 * @param bestEpoch the best epoch, 0 if none
 * @param trainLoss the best epoch's training loss
 * @param trainAccuracy its training accuracy
 * @param validationLoss its validation loss
 * @param validationAccuracy its validation accuracy
 * @param message how training ended, for people; empty while running
 * @param seconds the wall-clock time of the run's processes (resumes added up)
 * @param resumes how many times the run was resumed from a checkpoint
 * @param problem why the record cannot be read; empty when it can
 */
public record RunRecord(String id, Path folder, RunStatus status, Instant started, Instant ended, String netName,
        String netHash, String data, String dataDescription, String device, String origin, List<String> tags,
        Map<String, String> options, int epochs, int bestEpoch, double trainLoss, double trainAccuracy,
        double validationLoss, double validationAccuracy, String message, double seconds, int resumes,
        String problem) {

    /** The name of a run's description file. */
    public static final String RUN_JSON = "run.json";
    /** The copy of the net at the start. */
    public static final String NET_FILE = "net.nsnet";
    /** One line per epoch. */
    public static final String EPOCHS_CSV = "epochs.csv";
    /** One line per batch. */
    public static final String BATCHES_CSV = "batches.csv";
    /** The best epoch's weights, keyed as in a .nsnet file. */
    public static final String BEST_WEIGHTS = "best.safetensors";
    /** The folder of the resumable checkpoint. */
    public static final String CHECKPOINT_FOLDER = "checkpoint";

    /** Copies the collections. */
    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(tags);
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    static RunRecord unreadable(Path folder, String problem) {
        return new RunRecord(folder.getFileName().toString(), folder, RunStatus.UNREADABLE, null, null, "", "", "", "",
                "", "", List.of(), Map.of(), 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", 0, 0, problem);
    }

    /** When it started, if the record says. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(started);
    }

    /** The per-epoch curves so far: complete lines of {@code epochs.csv}. */
    public List<EpochRow> epochRows() throws IOException {
        return RunCsv.readEpochs(folder.resolve(EPOCHS_CSV));
    }

    /**
     * The per-batch curve so far: each complete line of {@code batches.csv} as {epoch, batch,
     * step, loss, accuracy, learning rate, examples}, NaN for absent cells.
     */
    public List<double[]> batchRows() throws IOException {
        return RunCsv.readBatches(folder.resolve(BATCHES_CSV));
    }

    /** The copy of the net taken at the start. */
    public Path netFile() {
        return folder.resolve(NET_FILE);
    }

    /** The best epoch's weights, if written yet. */
    public Optional<Path> bestWeights() {
        Path file = folder.resolve(BEST_WEIGHTS);
        return java.nio.file.Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The folder of the resumable checkpoint. */
    public Path checkpointFolder() {
        return folder.resolve(CHECKPOINT_FOLDER);
    }

    /** An option's value as text, if recorded. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
