package org.netstudio.engine.train;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link TrainingLoop} reports to its {@link TrainingListener}s. Immutable records, free of
 * UI types; epochs and batches count from 1.
 */
public sealed interface TrainingEvent
        permits TrainingEvent.BatchEnded, TrainingEvent.Health, TrainingEvent.EpochEnded, TrainingEvent.Finished,
        TrainingEvent.Failed {

    /**
     * One update is done.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within the epoch, from 1
     * @param batchesPerEpoch the number of batches in an epoch
     * @param maxEpochs the number of epochs asked for
     * @param loss this batch's mean loss
     * @param accuracy this batch's accuracy, for class targets
     * @param batchSize the examples in this batch
     * @param learningRate the learning rate used for this update
     * @param examplesTrained training examples processed so far in the run
     */
    record BatchEnded(int epoch, int batch, int batchesPerEpoch, int maxEpochs, double loss, OptionalDouble accuracy,
            int batchSize, double learningRate, long examplesTrained) implements TrainingEvent {
        /** Checks that accuracy is not null. */
        public BatchEnded {
            Objects.requireNonNull(accuracy, "accuracy");
        }
    }

    /**
     * Every few batches ({@link TrainingLoop#HEALTH_EVERY}), how each layer is doing: gradient
     * norms, update-to-weight ratios and output statistics, in the net's order.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within it, from 1
     * @param step  batches trained so far, this one included
     * @param nodes one entry per layer
     */
    record Health(int epoch, int batch, long step, java.util.List<NodeHealth> nodes) implements TrainingEvent {
        /** Copies the list. */
        public Health {
            nodes = java.util.List.copyOf(nodes);
        }
    }

    /**
     * An epoch is done and, if there is validation data, validated.
     *
     * @param metrics training and validation metrics of the epoch
     * @param maxEpochs the number of epochs asked for
     * @param improved whether this epoch is the best so far (its parameters were kept)
     */
    record EpochEnded(EpochMetrics metrics, int maxEpochs, boolean improved) implements TrainingEvent {
        /** Checks that metrics is not null. */
        public EpochEnded {
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * Training ended normally: completed, stopped or stopped early. The last event of a run.
     *
     * @param result the result
     */
    record Finished(TrainingResult result) implements TrainingEvent {
        /** Checks that result is not null. */
        public Finished {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Training failed; the best parameters so far were kept. The last event of a run.
     *
     * @param message what went wrong, for people (also {@code result().message()})
     * @param result the result, with stop reason {@link StopReason#FAILED}
     */
    record Failed(String message, TrainingResult result) implements TrainingEvent {
        /** Checks the components. */
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(result, "result");
        }
    }
}
