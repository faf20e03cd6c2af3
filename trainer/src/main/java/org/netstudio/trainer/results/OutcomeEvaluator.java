package org.netstudio.trainer.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.PredictedVsTrue;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.engine.tensor.TensorValue;

/**
 * Runs a trained net over held-back data through the engine's {@link NetRunner} and counts its
 * predictions. Blocking; call it off the UI thread. Stateless.
 */
public final class OutcomeEvaluator {

    /** The most misclassified examples kept. */
    public static final int MAX_MISCLASSIFIED = 12;
    private static final int BATCH = 512;

    private OutcomeEvaluator() {}

    /**
     * Evaluates a trained net.
     *
     * @param trained the net and its weights
     * @param data the examples to count (validation data, or the training data without it)
     * @return the outcome; without a matrix for real-valued targets or when training failed before
     *     the net had weights
     */
    public static Outcome evaluate(TrainedNet trained, Dataset data) {
        if (trained.weights().isEmpty() || data.size() == 0) {
            return new Outcome(trained, data.name(), Optional.empty(), List.of());
        }
        if (data.targets() instanceof Targets.Values values) {
            return new Outcome(trained, data.name(), Optional.empty(), List.of(), regression(trained, data, values));
        }
        Targets.Classes classes = (Targets.Classes) data.targets();
        int n = data.size();
        int width = data.featureLength();
        int[] truth = classes.labels();
        int[] predicted = new int[n];
        List<Misclassified> wrong = new ArrayList<>();
        try (NetRunner runner = trained.runner()) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] x = features(data, from, count);
                float[] scores = runner.run(List.of(TensorValue.of(x, batchShape(runner, count, width)))).get(0).values();
                int[] best = ArgMax.rows(scores, count, scores.length / count);
                int k = scores.length / count;
                for (int i = 0; i < count; i++) {
                    int e = from + i;
                    predicted[e] = best[i];
                    if (best[i] != truth[e] && wrong.size() < MAX_MISCLASSIFIED) {
                        float[] features = new float[width];
                        System.arraycopy(x, i * width, features, 0, width);
                        wrong.add(new Misclassified(features, truth[e], best[i], scores[i * k + best[i]]));
                    }
                }
            }
        }
        return new Outcome(trained, data.name(), Optional.of(ConfusionMatrix.of(classes.classNames(), truth, predicted)),
                wrong);
    }

    /**
     * Evaluates a net trained on a table: for one sequence input and one class target (a
     * sequence classifier), the confusion matrix of its predictions on the examples; else the
     * outcome without a matrix (its metrics are the training's).
     *
     * @param trained the net and its weights
     * @param data the examples to count
     * @param binding which columns fed which ports in training
     */
    public static Outcome evaluate(TrainedNet trained, ExampleTable data, Binding binding) {
        Outcome plain = new Outcome(trained, data.name(), Optional.empty(), List.of());
        if (binding.inputs().size() != 1 || binding.targets().size() != 1 || trained.weights().isEmpty()
                || data.size() == 0) {
            return plain;
        }
        String output = binding.targets().keySet().iterator().next();
        Column in = data.column(binding.inputs().values().iterator().next()).orElse(null);
        Column target = data.column(binding.targets().get(output)).orElse(null);
        if (!(in instanceof SequenceColumn sequences) || !sequences.holdsIndices()
                || !(target instanceof TargetColumn t) || !(t.targets() instanceof Targets.Classes classes)) {
            return plain;
        }
        List<int[]> texts = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            texts.add(sequences.indices(i));
        }
        int[] predicted = new int[data.size()];
        try (NetRunner runner = trained.runner()) {
            int port = runner.outputNames().indexOf(output);
            List<List<TensorValue>> outputs = runner.predictSequences(texts);
            for (int i = 0; i < predicted.length; i++) {
                float[] scores = outputs.get(i).get(port).values();
                if (scores.length != classes.classCount()) {
                    return plain;
                }
                predicted[i] = ArgMax.of(scores, 0, scores.length);
            }
        }
        return new Outcome(trained, data.name(), Optional.of(ConfusionMatrix.of(classes.classNames(), classes.labels(),
                predicted)), List.of());
    }

    /** Predictions against true values, when the net predicts as many values per example as the targets hold. */
    private static PredictedVsTrue regression(TrainedNet trained, Dataset data, Targets.Values values) {
        int n = data.size();
        int width = data.featureLength();
        float[] predicted = new float[values.values().length];
        int at = 0;
        try (NetRunner runner = trained.runner()) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] out = runner.run(List.of(TensorValue.of(features(data, from, count),
                        batchShape(runner, count, width)))).get(0).values();
                if (out.length != count * values.width()) {
                    return PredictedVsTrue.NONE;
                }
                System.arraycopy(out, 0, predicted, at, out.length);
                at += out.length;
            }
        }
        return PredictedVsTrue.sample(values.values(), predicted);
    }

    /** Examples {@code from … from + count} one after another. */
    private static float[] features(Dataset data, int from, int count) {
        int width = data.featureLength();
        float[] x = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(data.features(from + i), 0, x, i * width, width);
        }
        return x;
    }

    /** {@code (count, input shape…)} when the net declares its input shape, else {@code (count, width)}. */
    private static long[] batchShape(NetRunner runner, int count, int width) {
        var type = runner.inputTypes().get(0);
        if (type.isFullyKnown() && type.elementCount() == width) {
            long[] shape = new long[type.rank() + 1];
            shape[0] = count;
            for (int d = 0; d < type.rank(); d++) {
                shape[d + 1] = type.dim(d).size();
            }
            return shape;
        }
        return new long[] {count, width};
    }
}
