package org.netstudio.engine.train;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.netgraph.net.NodePath;

/**
 * The outcome of a {@link TrainingLoop}. When the run ends, the block holds the parameters
 * described here; {@link #parameters()} is a copy of them in Java memory.
 *
 * <p>Which parameters come back: those of the best epoch on validation loss (training loss
 * without validation data); after a NaN/infinite loss or another failure, the best so far
 * (the initial parameters if no epoch completed); after {@link TrainingLoop#stop()} during the
 * first epoch, the parameters after the last completed batch. Immutable and thread-safe.
 *
 * @param stopReason why training ended, not null
 * @param message a one-line summary for people; for failures, the error (e.g. "Loss became NaN in
 *     epoch 2, batch 17; try a lower learning rate (now 10.0)"); never null
 * @param history metrics of each completed epoch, in order; unmodifiable
 * @param bestEpoch the epoch (from 1) whose parameters were returned, or 0 when they come from no
 *     completed epoch
 * @param batches the number of updates made
 * @param examplesTrained training examples processed (counting repeats across epochs)
 * @param samplesPerSecond training throughput of the batch loop alone (data, forward, backward,
 *     update), excluding validation, checkpoints and listeners; 0 if no batch ran
 * @param trainingSeconds time spent in the batch loop
 * @param totalSeconds wall-clock time of the whole run
 * @param parameters the returned parameters, never null (empty if initialisation failed)
 * @param nonFiniteAt after a loss or gradients that became NaN or infinite, the node of the net (a
 *     path from its root, containers dissolved) whose output first held a non-finite value, or that
 *     first sent a non-finite gradient back, when the net was compiled by NetStudio and the value
 *     came from a node; the message names it too
 */
public record TrainingResult(
        StopReason stopReason,
        String message,
        List<EpochMetrics> history,
        int bestEpoch,
        long batches,
        long examplesTrained,
        double samplesPerSecond,
        double trainingSeconds,
        double totalSeconds,
        ParameterSnapshot parameters,
        Optional<NodePath> nonFiniteAt) {

    /** Checks and copies the components. */
    public TrainingResult {
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(message, "message");
        history = List.copyOf(history);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(nonFiniteAt, "nonFiniteAt");
    }

    /** The metrics of the epoch whose parameters were returned, if it completed. */
    public Optional<EpochMetrics> finalMetrics() {
        return bestEpoch < 1 ? Optional.empty() : Optional.of(history.get(bestEpoch - 1));
    }

    /** The metrics of the last completed epoch. */
    public Optional<EpochMetrics> lastEpoch() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** The number of completed epochs. */
    public int epochsCompleted() {
        return history.size();
    }

    /** Whether training failed (the parameters are still usable: the best ones so far). */
    public boolean failed() {
        return stopReason == StopReason.FAILED;
    }
}
