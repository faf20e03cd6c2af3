package org.netstudio.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Sums the measures of the batches of an epoch or an evaluation into {@link Metrics}. Not thread-safe. */
public final class Tally {

    private double lossSum;
    private long examples;
    private final Map<String, long[]> classes = new LinkedHashMap<>();
    private final Map<String, double[]> squares = new LinkedHashMap<>();

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
                outputs.size() > 1 ? outputs : List.of());
    }
}
