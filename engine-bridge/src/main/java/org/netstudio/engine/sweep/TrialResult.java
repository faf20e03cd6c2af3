package org.netstudio.engine.sweep;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row of a sweep's table.
 *
 * @param trial the trial
 * @param status how it ended
 * @param validationLoss the best epoch's validation loss (training loss without validation data);
 *     NaN when no epoch completed
 * @param validationAccuracy the best epoch's validation accuracy, for class targets
 * @param epochs the epochs it completed
 * @param seconds its wall-clock time
 * @param message what happened, for people ("Trained 5 epochs", the error of a failed trial)
 */
public record TrialResult(Trial trial, TrialStatus status, double validationLoss, OptionalDouble validationAccuracy,
                          int epochs, double seconds, String message) {

    /** Checks the components. */
    public TrialResult {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(validationAccuracy, "validationAccuracy");
        Objects.requireNonNull(message, "message");
    }

    /** Whether it has a result to rank: at least one epoch with a finite loss. */
    public boolean ranked() {
        return epochs > 0 && Double.isFinite(validationLoss);
    }

    /**
     * Whether this trial is better than another: the higher validation accuracy for class targets
     * (the lower loss on a tie), else the lower validation loss. A trial without a result is never better.
     */
    public boolean betterThan(TrialResult other) {
        if (!ranked()) {
            return false;
        }
        if (other == null || !other.ranked()) {
            return true;
        }
        if (validationAccuracy.isPresent() && other.validationAccuracy.isPresent()
                && validationAccuracy.getAsDouble() != other.validationAccuracy.getAsDouble()) {
            return validationAccuracy.getAsDouble() > other.validationAccuracy.getAsDouble();
        }
        return validationLoss < other.validationLoss;
    }
}
