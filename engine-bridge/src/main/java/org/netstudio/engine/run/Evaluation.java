package org.netstudio.engine.run;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.netstudio.engine.train.Metrics;

/**
 * How a trained net does on a dataset: the loss and accuracy as training measures them (the same
 * loss arithmetic), and for class targets the confusion matrix. Made by {@link NetRunner#evaluate}.
 * Immutable.
 *
 * @param metrics the mean loss and, for class targets, the accuracy
 * @param confusion the confusion matrix; one of no classes for real-valued targets
 */
public record Evaluation(Metrics metrics, ConfusionMatrix confusion) {

    /** Checks the components. */
    public Evaluation {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(confusion, "confusion");
    }

    /** The dataset's class names; empty for real-valued targets. */
    public List<String> classNames() {
        return confusion.classNames();
    }

    /** The number of examples whose true class is {@code c}. */
    public long classCount(int c) {
        return confusion.rowTotal(c);
    }

    /** The share of class {@code c}'s examples predicted as {@code c}; empty when it has none. */
    public OptionalDouble classAccuracy(int c) {
        double a = confusion.classAccuracy(c);
        return Double.isNaN(a) ? OptionalDouble.empty() : OptionalDouble.of(a);
    }
}
