package org.netstudio.engine.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.metrics.RegressionSums;

/** Sums the measures of the batches of an epoch or an evaluation into {@link Metrics}. Not thread-safe. */
public final class Tally {

    private double lossSum;
    private long examples;
    private final Map<String, long[]> classes = new LinkedHashMap<>();
    private final Map<String, double[]> squares = new LinkedHashMap<>();
    /** The first class output's predictions, {@code [true][predicted]}, once it reported any. */
    private String countedOutput;
    private long[][] confusion;
    private long topFiveRight;
    private long topFiveTotal;
    /** The first real-valued output's sums. */
    private String summedOutput;
    private RegressionSums sums = RegressionSums.NONE;

    /** Adds a batch's mean loss over {@code count} examples. */
    public void addLoss(double meanLoss, long count) {
        lossSum += meanLoss * count;
        examples += count;
    }

    /** Adds the right classes of an output: {@code correct} of {@code total} predictions (elements, for sequences). */
    public void addClasses(String output, long correct, long total) {
        long[] c = classes.computeIfAbsent(output, k -> new long[2]);
        c[0] += correct;
        c[1] += total;
    }

    /** Adds an output's squared errors: their sum over {@code values} values. */
    public void addSquaredError(String output, double sum, long values) {
        double[] s = squares.computeIfAbsent(output, k -> new double[2]);
        s[0] += sum;
        s[1] += values;
    }

    /**
     * Adds predicted classes of a class output, for the measures beyond accuracy; only the first
     * output that reports is counted.
     *
     * @param output the output
     * @param classes how many classes it scores
     * @param truth the true class of each example
     * @param predicted the most probable class of each example
     * @param topFiveRight how many of them have their true class among the five most probable (ignored
     *     with five classes or fewer)
     */
    public void addPredictions(String output, int classes, long[] truth, long[] predicted, long topFiveRight) {
        if (countedOutput == null) {
            countedOutput = output;
            confusion = new long[classes][classes];
        }
        if (!countedOutput.equals(output) || confusion.length != classes) {
            return;
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] >= 0 && truth[i] < classes && predicted[i] >= 0 && predicted[i] < classes) {
                confusion[(int) truth[i]][(int) predicted[i]]++;
            }
        }
        this.topFiveRight += topFiveRight;
        topFiveTotal += truth.length;
    }

    /** Adds a real-valued output's sums, for mean absolute error and R²; only the first output that reports is counted. */
    public void addRegression(String output, RegressionSums batch) {
        if (summedOutput == null) {
            summedOutput = output;
        }
        if (summedOutput.equals(output)) {
            sums = sums.plus(batch);
        }
    }

    /** The examples counted so far. */
    public long examples() {
        return examples;
    }

    /** The right classes of the first class output so far, or -1 when there is none. */
    public long firstCorrect() {
        return classes.isEmpty() ? -1 : classes.values().iterator().next()[0];
    }

    /** The metrics of what was added: mean loss, the first class output's accuracy, and each output's measure. */
    public Metrics metrics() {
        OptionalDouble accuracy = OptionalDouble.empty();
        List<Metrics.OutputMetric> outputs = new ArrayList<>();
        for (Map.Entry<String, long[]> e : classes.entrySet()) {
            double value = e.getValue()[1] == 0 ? 0 : (double) e.getValue()[0] / e.getValue()[1];
            if (accuracy.isEmpty()) {
                accuracy = OptionalDouble.of(value);
            }
            outputs.add(new Metrics.OutputMetric(e.getKey(), "accuracy", value));
        }
        for (Map.Entry<String, double[]> e : squares.entrySet()) {
            outputs.add(new Metrics.OutputMetric(e.getKey(), "mse", e.getValue()[1] == 0 ? 0 : e.getValue()[0] / e.getValue()[1]));
        }
        return new Metrics(examples == 0 ? Double.NaN : lossSum / examples, accuracy, examples,
                outputs.size() > 1 ? outputs : List.of(), measures(accuracy));
    }

    private Map<Measure, Double> measures(OptionalDouble accuracy) {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        accuracy.ifPresent(a -> m.put(Measure.ACCURACY, a));
        if (confusion != null && topFiveTotal > 0) {
            double f1 = ConfusionMatrix.ofCounts(Targets.Classes.numberedNames(confusion.length), confusion).macroF1();
            if (!Double.isNaN(f1)) {
                m.put(Measure.MACRO_F1, f1);
            }
            if (confusion.length > 5) {
                m.put(Measure.TOP_5_ACCURACY, (double) topFiveRight / topFiveTotal);
            }
        } else if (classes.isEmpty() && sums.count() > 0) {
            m.put(Measure.MEAN_SQUARED_ERROR, sums.meanSquaredError());
            m.put(Measure.MEAN_ABSOLUTE_ERROR, sums.meanAbsoluteError());
            double r2 = sums.rSquared();
            if (!Double.isNaN(r2)) {
                m.put(Measure.R_SQUARED, r2);
            }
        }
        return m;
    }

}
