package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.netstudio.engine.metrics.RegressionSums;

/**
 * Measures one batch's predictions beyond loss and accuracy, for the {@link Tally}: which class
 * each example got and whether its class was among the top five, or the sums behind the
 * regression errors. Reduces on the device; only a batch of class indices or four sums come back.
 */
final class BatchMeasures {

    private BatchMeasures() {}

    /**
     * Counts the predicted classes of a {@code (batch, classes)} output; other shapes (sequences)
     * are left to the accuracy.
     */
    static void classes(Tally tally, String output, NDArray scores, NDArray target) {
        if (scores.getShape().dimension() != 2) {
            return;
        }
        int k = (int) scores.getShape().get(1);
        NDArray truth = target.toType(DataType.INT64, false).reshape(-1);
        long[] predicted = scores.argMax(-1).toLongArray();
        long topFive = 0;
        if (k > 5) {
            // Each row's five indices are distinct, so the matches summed over the batch count rows.
            NDArray best = scores.argSort(-1, false).get(":, :5");
            topFive = best.eq(truth.expandDims(1)).sum().getLong();
        }
        tally.addPredictions(output, k, truth.toLongArray(), predicted, topFive);
    }

    /** Adds a real-valued output's error sums (prediction and target of the same number of values). */
    static void regression(Tally tally, String output, NDArray prediction, NDArray target) {
        NDArray t = target.reshape(prediction.getShape());
        NDArray d = prediction.sub(t);
        tally.addRegression(output, new RegressionSums(d.size(), d.abs().sum().getFloat(), d.square().sum().getFloat(),
                t.sum().getFloat(), t.square().sum().getFloat()));
    }
}
