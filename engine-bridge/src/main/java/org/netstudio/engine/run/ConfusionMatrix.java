package org.netstudio.engine.run;

import java.util.List;

/**
 * How often each true class was predicted as each class. Rows are the true classes, columns the
 * predicted ones, in the order of the class names. What {@link NetRunner#evaluate} measures, the
 * command line's {@code eval} prints and the trainer panel draws. Immutable.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(List<String> classNames, long[][] counts, long total) {
        this.classNames = classNames;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Counts predictions.
     *
     * @param classNames the classes
     * @param truth the true class of each example
     * @param predicted the predicted class of each example, as many as {@code truth}
     * @return the matrix
     */
    public static ConfusionMatrix of(List<String> classNames, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true classes but " + predicted.length + " predictions");
        }
        int k = classNames.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(List.copyOf(classNames), counts, truth.length);
    }

    /**
     * A matrix of counts already made.
     *
     * @param classNames the classes
     * @param counts {@code [true class][predicted class]}, one row and one column per class; copied
     * @return the matrix
     * @throws IllegalArgumentException when the counts are not one square row per class
     */
    public static ConfusionMatrix ofCounts(List<String> classNames, long[][] counts) {
        int k = classNames.size();
        long[][] copy = new long[k][];
        long total = 0;
        if (counts.length != k) {
            throw new IllegalArgumentException(counts.length + " rows of counts for " + k + " classes");
        }
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("A confusion matrix is square, but row " + i + " has "
                        + counts[i].length + " entries for " + k + " classes");
            }
            copy[i] = counts[i].clone();
            for (long n : copy[i]) {
                total += n;
            }
        }
        return new ConfusionMatrix(List.copyOf(classNames), copy, total);
    }

    /** The classes, in row and column order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of classes. */
    public int size() {
        return classNames.size();
    }

    /** Examples of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** All examples counted. */
    public long total() {
        return total;
    }

    /** The largest single count (for colour scales). */
    public long maxCount() {
        long max = 0;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        return max;
    }

    /** Examples of one true class. */
    public long rowTotal(int truth) {
        long sum = 0;
        for (long c : counts[truth]) {
            sum += c;
        }
        return sum;
    }

    /** The share of a class's examples predicted right, or NaN when the class has none. */
    public double classAccuracy(int truth) {
        long row = rowTotal(truth);
        return row == 0 ? Double.NaN : (double) counts[truth][truth] / row;
    }

    /** The share of all examples predicted right, or NaN when there are none. */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }
}
