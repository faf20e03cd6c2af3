package org.netstudio.engine.run;

import org.netstudio.engine.tensor.TensorValue;

/**
 * What a person reads first about a tensor flowing through a net: its spread, how many of its
 * values are exactly zero (a dead Ramp), and how many are not finite. Mean, standard deviation,
 * minimum and maximum are over the finite values (NaN when there are none); the standard deviation
 * is the population one (as NumPy's {@code std}). Computed in double.
 *
 * @param count     how many values
 * @param mean      their mean
 * @param std       their standard deviation
 * @param min       the smallest
 * @param max       the largest
 * @param zeros     the share of values that are exactly zero, from 0 to 1
 * @param nonFinite how many are NaN or infinite
 */
public record ValueStatistics(long count, double mean, double std, double min, double max, double zeros,
                              long nonFinite) {

    /**
     * The statistics of a tensor's values.
     *
     * @param value the tensor
     * @return its statistics
     */
    public static ValueStatistics of(TensorValue value) {
        float[] v = value.values();
        long finite = 0;
        long zero = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (Float.isFinite(x)) {
                finite++;
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                zero += x == 0 ? 1 : 0;
            }
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double squares = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        return new ValueStatistics(v.length, mean, finite == 0 ? Double.NaN : Math.sqrt(squares / finite),
                finite == 0 ? Double.NaN : min, finite == 0 ? Double.NaN : max,
                v.length == 0 ? 0 : (double) zero / v.length, v.length - finite);
    }
}
