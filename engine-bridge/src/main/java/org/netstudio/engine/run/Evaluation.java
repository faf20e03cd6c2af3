package org.netstudio.engine.run;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.PredictedVsTrue;
import org.netstudio.engine.train.Metrics;

/**
 * How a trained net does on a dataset: the loss, accuracy and further measures as training
 * measures them (the same arithmetic), for class targets the confusion matrix under the net's own
 * labels, and for real-valued targets predictions against true values. Made by
 * {@link NetRunner#evaluate}. Immutable.
 *
 * @param metrics the mean loss, the accuracy for class targets, and the {@link Metrics#measures()}
 * @param confusion the confusion matrix; one of no classes for real-valued targets
 * @param predictions predicted against true values of a regression; none for class targets
 */
public record Evaluation(Metrics metrics, ConfusionMatrix confusion, PredictedVsTrue predictions) {

    /** Checks the components. */
    public Evaluation {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(predictions, "predictions");
    }

    /** An evaluation of class targets. */
    public Evaluation(Metrics metrics, ConfusionMatrix confusion) {
        this(metrics, confusion, PredictedVsTrue.NONE);
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
