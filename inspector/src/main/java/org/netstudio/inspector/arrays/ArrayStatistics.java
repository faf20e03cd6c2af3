package org.netstudio.inspector.arrays;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netstudio.netgraph.io.WeightArray;

/**
 * Mean, standard deviation, extremes and a histogram of the values of one weight array. NaN and
 * infinite values are counted apart ({@link #nonFinite()}) and left out of the rest. Immutable.
 *
 * @param count     finite values
 * @param bins      how many values fall in each of equal-width bins spanning [min, max]
 * @param nonFinite NaN or infinite values
 */
public record ArrayStatistics(long count, double mean, double std, double min, double max, List<Integer> bins,
                              long nonFinite) {

    /** Bins of a histogram unless asked otherwise. */
    public static final int DEFAULT_BINS = 32;

    public ArrayStatistics {
        bins = List.copyOf(bins);
    }

    /** Statistics of the array's values (whole numbers are read as reals). */
    public static ArrayStatistics of(WeightArray array, int binCount) {
        if (array.isReal()) {
            return of(array.floatView(), binCount);
        }
        return of(FloatBuffer.wrap(array.floats()), binCount);
    }

    static ArrayStatistics of(FloatBuffer values, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, but got " + binCount);
        }
        long n = 0;
        long bad = 0;
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = values.position(); i < values.limit(); i++) {
            double v = values.get(i);
            if (!Double.isFinite(v)) {
                bad++;
                continue;
            }
            n++;
            double d = v - mean; // Welford: stable for millions of values
            mean += d / n;
            m2 += d * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (n == 0) {
            return new ArrayStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Collections.nCopies(binCount, 0), bad);
        }
        int[] counts = new int[binCount];
        double width = (max - min) / binCount;
        for (int i = values.position(); i < values.limit(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v)) {
                int b = width == 0 ? binCount / 2 : (int) ((v - min) / width);
                counts[Math.min(binCount - 1, Math.max(0, b))]++;
            }
        }
        List<Integer> bins = new ArrayList<>(binCount);
        for (int c : counts) {
            bins.add(c);
        }
        return new ArrayStatistics(n, mean, Math.sqrt(m2 / n), min, max, bins, bad);
    }
}
