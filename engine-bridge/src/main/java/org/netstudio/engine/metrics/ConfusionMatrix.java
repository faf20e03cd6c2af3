package org.netstudio.engine.metrics;

import java.util.List;

/**
 * How often each true class was predicted as each class, and what the counts say: accuracy, and
 * per class precision, recall and F1 with their macro and weighted means. Rows are the true
 * classes, columns the predicted ones, in the order of the class names. What the engine's
 * evaluation measures, the command line's {@code eval} prints and the trainer panel draws.
 * Immutable.
 *
 * <p>A class that is neither among the examples nor predicted has no precision, recall or F1
 * (NaN) and is left out of the means; a class that is predicted but never present has recall NaN
 * and F1 0 (it only made mistakes). This is scikit-learn's convention minus its zero-division
 * warning, so that a validation set that lacks a rare class is not scored as if the net missed it.
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

    /** Examples predicted as one class. */
    public long columnTotal(int predicted) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[predicted];
        }
        return sum;
    }

    /** Of the examples predicted as class {@code c}, the share that are {@code c}; NaN when none was. */
    public double precision(int c) {
        long col = columnTotal(c);
        return col == 0 ? Double.NaN : (double) counts[c][c] / col;
    }

    /** Of the examples of class {@code c}, the share predicted as {@code c} (its accuracy); NaN when there are none. */
    public double recall(int c) {
        return classAccuracy(c);
    }

    /**
     * The harmonic mean of precision and recall, {@code 2·TP / (2·TP + FP + FN)}; NaN when the class
     * is neither present nor predicted.
     */
    public double f1(int c) {
        long tp = counts[c][c];
        long denominator = rowTotal(c) + columnTotal(c);
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }

    /** The mean F1 over the classes that have one (every class counts the same). */
    public double macroF1() {
        return mean(this::f1, false);
    }

    /** The mean precision over the classes that were predicted. */
    public double macroPrecision() {
        return mean(this::precision, false);
    }

    /** The mean recall over the classes that are present. */
    public double macroRecall() {
        return mean(this::recall, false);
    }

    /** The mean F1 weighted by each class's examples (its support). */
    public double weightedF1() {
        return mean(this::f1, true);
    }

    private double mean(java.util.function.IntToDoubleFunction measure, boolean bySupport) {
        double sum = 0;
        double weight = 0;
        for (int c = 0; c < counts.length; c++) {
            double v = measure.applyAsDouble(c);
            double w = bySupport ? rowTotal(c) : 1;
            if (!Double.isNaN(v) && w > 0) {
                sum += v * w;
                weight += w;
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /** The same counts under other class names (e.g. the labels the net's decoder gives). */
    public ConfusionMatrix withClassNames(List<String> names) {
        if (names.size() != classNames.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + classNames.size() + " classes");
        }
        return new ConfusionMatrix(List.copyOf(names), counts, total);
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
