package org.netstudio.netgraph.tensor;

/**
 * How far computed values are from the expected ones, for tests that compare NetStudio with another
 * implementation (PyTorch, torchvision): the largest difference and the largest expected magnitude.
 * NaN anywhere makes them infinitely far.
 */
public record ArrayDifference(double worst, double largest) {

    public static ArrayDifference between(float[] expected, float[] actual) {
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        return new ArrayDifference(worst, largest);
    }

    /** The largest difference as a fraction of the largest expected magnitude. */
    public double relative() {
        return worst / largest;
    }
}
