package org.netstudio.engine.metrics;

/**
 * Pairs of a true value and the net's prediction for it, for a predicted-against-true scatter of
 * a regression. At most {@link #MAX_POINTS}, picked evenly from all the values so that a large
 * test set still draws fast. Immutable (the arrays are copied).
 */
public final class PredictedVsTrue {

    /** The most pairs kept. */
    public static final int MAX_POINTS = 2_000;

    /** No pairs (for class targets). */
    public static final PredictedVsTrue NONE = new PredictedVsTrue(new float[0], new float[0]);

    private final float[] truth;
    private final float[] predicted;

    private PredictedVsTrue(float[] truth, float[] predicted) {
        this.truth = truth;
        this.predicted = predicted;
    }

    /**
     * Keeps every value, or {@link #MAX_POINTS} picked evenly from them.
     *
     * @param truth the true values
     * @param predicted the predictions, as many
     * @return the pairs
     */
    public static PredictedVsTrue sample(float[] truth, float[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " targets");
        }
        int n = Math.min(truth.length, MAX_POINTS);
        float[] t = new float[n];
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * truth.length / n);
            t[i] = truth[from];
            p[i] = predicted[from];
        }
        return new PredictedVsTrue(t, p);
    }

    /** The number of pairs. */
    public int size() {
        return truth.length;
    }

    /** The true value of pair {@code i}. */
    public float truth(int i) {
        return truth[i];
    }

    /** The prediction of pair {@code i}. */
    public float predicted(int i) {
        return predicted[i];
    }
}
