package org.netstudio.engine.train;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Loss and accuracy over some examples.
 *
 * @param loss the mean loss per example
 * @param accuracy the share of examples whose most probable class is the right one, in [0, 1];
 *     empty when the targets are not classes
 * @param examples how many examples the numbers are about
 */
public record Metrics(double loss, OptionalDouble accuracy, long examples) {

    /** Checks that accuracy is not null. */
    public Metrics {
        Objects.requireNonNull(accuracy, "accuracy");
    }

    /** Formats the metrics for a log line, e.g. "loss 0.3127, accuracy 91.2%". */
    public String describe() {
        String text = String.format(java.util.Locale.ROOT, "loss %.4f", loss);
        if (accuracy.isPresent()) {
            text += String.format(java.util.Locale.ROOT, ", accuracy %.1f%%", 100 * accuracy.getAsDouble());
        }
        return text;
    }
}
