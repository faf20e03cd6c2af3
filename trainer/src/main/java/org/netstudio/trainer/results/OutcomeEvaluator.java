package org.netstudio.trainer.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.TensorValue;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.trainer.boundary.DecisionGrid;

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
        if (!(data.targets() instanceof Targets.Classes classes) || trained.weights().isEmpty() || data.size() == 0) {
            return new Outcome(trained, data.name(), Optional.empty(), List.of());
        }
        int n = data.size();
        int width = data.featureLength();
        int[] truth = classes.labels();
        int[] predicted = new int[n];
        List<Misclassified> wrong = new ArrayList<>();
        try (NetRunner runner = trained.runner()) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] x = new float[count * width];
                for (int i = 0; i < count; i++) {
                    System.arraycopy(data.features(from + i), 0, x, i * width, width);
                }
                long[] shape = batchShape(runner, count, width);
                float[] scores = runner.run(List.of(TensorValue.of(x, shape))).get(0).values();
                int[] best = DecisionGrid.argMax(scores, count);
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
