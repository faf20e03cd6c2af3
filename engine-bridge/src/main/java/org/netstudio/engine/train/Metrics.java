package org.netstudio.engine.train;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.netstudio.engine.metrics.Measure;

/**
 * Loss and accuracy over some examples.
 *
 * @param loss the mean loss per example
 * @param accuracy the share of examples whose most probable class is the right one, in [0, 1];
 *     empty when the targets are not classes
 * @param examples how many examples the numbers are about
 * @param outputs the measure of each trained output (accuracy for classes, mean squared error for
 *     real numbers), for nets with several outputs; empty when there is one (then {@code accuracy}
 *     says it all)
 * @param measures the further measures of the first class output (accuracy, top-5 accuracy,
 *     macro F1) or, without one, of the first real-valued output (mean squared and absolute error,
 *     R²); only those measured
 */
public record Metrics(double loss, OptionalDouble accuracy, long examples, List<OutputMetric> outputs,
        Map<Measure, Double> measures) {

    /** Checks that accuracy is not null; copies the lists; a measured accuracy is among the measures. */
    public Metrics {
        Objects.requireNonNull(accuracy, "accuracy");
        outputs = List.copyOf(outputs);
        if (accuracy.isPresent() && !measures.containsKey(Measure.ACCURACY)) {
            // Accuracy is always among the measures it was measured with (charts and runs read the measures).
            Map<Measure, Double> withAccuracy = new EnumMap<>(Measure.class);
            withAccuracy.putAll(measures);
            withAccuracy.put(Measure.ACCURACY, accuracy.getAsDouble());
            measures = withAccuracy;
        }
        measures = measures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(measures));
    }

    /** Metrics without further measures. */
    public Metrics(double loss, OptionalDouble accuracy, long examples, List<OutputMetric> outputs) {
        this(loss, accuracy, examples, outputs, Map.of());
    }

    /** Metrics of a net with one output. */
    public Metrics(double loss, OptionalDouble accuracy, long examples) {
        this(loss, accuracy, examples, List.of());
    }

    /** One measure's value, if it was measured. */
    public OptionalDouble measure(Measure m) {
        Double v = measures.get(m);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * How well one output matched its targets.
     *
     * @param output the net's output port
     * @param measure "accuracy" (share of right classes, per element for sequences) or "mse"
     * @param value the value
     */
    public record OutputMetric(String output, String measure, double value) {

        /** E.g. "Output accuracy 91.2%" or "Age mse 0.0312". */
        public String describe() {
            return measure.equals("accuracy")
                    ? String.format(java.util.Locale.ROOT, "%s accuracy %.1f%%", output, 100 * value)
                    : String.format(java.util.Locale.ROOT, "%s %s %.4f", output, measure, value);
        }
    }

    /**
     * The measures beyond loss and accuracy for people, e.g. "Top-5 accuracy 99.9%, Macro F1 0.9249",
     * or "" when there are none.
     */
    public String describeMeasures() {
        return measures.entrySet().stream().filter(e -> e.getKey() != Measure.ACCURACY)
                .map(e -> e.getKey().label() + " " + e.getKey().format(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Formats the metrics for a log line, e.g. "loss 0.3127, accuracy 91.2%". */
    public String describe() {
        String text = String.format(java.util.Locale.ROOT, "loss %.4f", loss);
        if (accuracy.isPresent()) {
            text += String.format(java.util.Locale.ROOT, ", accuracy %.1f%%", 100 * accuracy.getAsDouble());
        }
        if (outputs.size() > 1) {
            for (OutputMetric m : outputs) {
                text += ", " + m.describe();
            }
        }
        return text;
    }
}
