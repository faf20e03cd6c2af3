package org.netstudio.engine.metrics;

/**
 * Running sums over predicted and true values from which the regression measures follow, so that
 * batches add up exactly: a batch's sums plus the next batch's are the sums of both. Immutable.
 *
 * @param count the values summed
 * @param absoluteError Σ |prediction − target|
 * @param squaredError Σ (prediction − target)²
 * @param target Σ target
 * @param targetSquared Σ target²
 */
public record RegressionSums(long count, double absoluteError, double squaredError, double target,
        double targetSquared) {

    /** No values yet. */
    public static final RegressionSums NONE = new RegressionSums(0, 0, 0, 0, 0);

    /** The sums of both. */
    public RegressionSums plus(RegressionSums other) {
        return new RegressionSums(count + other.count, absoluteError + other.absoluteError,
                squaredError + other.squaredError, target + other.target, targetSquared + other.targetSquared);
    }

    /** The sums over two arrays of the same length. */
    public static RegressionSums of(float[] predicted, float[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " targets");
        }
        double abs = 0;
        double sq = 0;
        double t = 0;
        double t2 = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = (double) predicted[i] - truth[i];
            abs += Math.abs(d);
            sq += d * d;
            t += truth[i];
            t2 += (double) truth[i] * truth[i];
        }
        return new RegressionSums(truth.length, abs, sq, t, t2);
    }

    /** Mean squared error; NaN without values. */
    public double meanSquaredError() {
        return count == 0 ? Double.NaN : squaredError / count;
    }

    /** Mean absolute error; NaN without values. */
    public double meanAbsoluteError() {
        return count == 0 ? Double.NaN : absoluteError / count;
    }

    /**
     * The coefficient of determination, {@code 1 − SSE / SST}: 1 for perfect predictions, 0 for
     * predicting the targets' mean, negative for worse. NaN without values or when every target
     * is the same (then there is no variance to explain).
     */
    public double rSquared() {
        if (count == 0) {
            return Double.NaN;
        }
        double total = targetSquared - target * target / count;
        return total <= 1e-12 * Math.max(1, targetSquared) ? Double.NaN : 1 - squaredError / total;
    }
}
