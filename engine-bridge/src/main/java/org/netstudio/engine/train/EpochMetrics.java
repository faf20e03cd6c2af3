package org.netstudio.engine.train;

import java.util.Objects;
import java.util.Optional;

/**
 * What one epoch achieved.
 *
 * @param epoch the epoch, from 1
 * @param training metrics over the epoch's training batches (averaged while the weights changed)
 * @param validation metrics on the validation data at the end of the epoch, if there is any
 * @param learningRate the learning rate of the epoch's last update
 * @param seconds the epoch's wall-clock time, validation included
 */
public record EpochMetrics(int epoch, Metrics training, Optional<Metrics> validation, double learningRate,
        double seconds) {

    /** Checks the components. */
    public EpochMetrics {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
    }

    /** The loss that decides the best epoch: validation loss if present, else training loss. */
    public double referenceLoss() {
        return validation.map(Metrics::loss).orElse(training.loss());
    }
}
