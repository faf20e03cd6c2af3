package org.netstudio.engine.run;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.netstudio.engine.train.Metrics;

/**
 * How a trained net does on a dataset: the loss and accuracy as training measures them (the same
 * loss arithmetic), and for class targets the confusion matrix. Made by {@link NetRunner#evaluate}.
 * Immutable: the matrix is copied in and out.
 *
 * @param metrics the mean loss and, for class targets, the accuracy
 * @param classNames the dataset's class names; empty for real-valued targets
 * @param confusion {@code [true class][predicted class]} counts, {@code classes × classes}; empty
 *     for real-valued targets
 */
public record Evaluation(Metrics metrics, List<String> classNames, long[][] confusion) {

    /** Checks and copies the components. */
    public Evaluation {
        Objects.requireNonNull(metrics, "metrics");
        classNames = List.copyOf(classNames);
        confusion = copy(confusion);
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != confusion.length) {
                throw new IllegalArgumentException("A confusion matrix is square, but row " + i + " has "
                        + confusion[i].length + " entries for " + confusion.length + " classes");
            }
        }
    }

    /** The confusion matrix, {@code [true class][predicted class]}; a copy. */
    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    /** The number of examples whose true class is {@code c}. */
    public long classCount(int c) {
        long total = 0;
        for (long n : confusion[c]) {
            total += n;
        }
        return total;
    }

    /** The share of class {@code c}'s examples predicted as {@code c}; empty when it has none. */
    public OptionalDouble classAccuracy(int c) {
        long total = classCount(c);
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) confusion[c][c] / total);
    }

    private static long[][] copy(long[][] m) {
        long[][] out = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
