package org.netstudio.trainer.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long series for plotting without hiding its spikes: the points are cut into buckets of
 * equal count and each bucket keeps its lowest and its highest point, in their original order.
 * The first and the last point always survive, so the plotted range is the true range.
 */
public final class Downsampler {

    private Downsampler() {}

    /**
     * Thins a series.
     *
     * @param points the series, ordered by x
     * @param maxPoints the most points to return, at least 4
     * @return the series itself when short enough, else at most {@code maxPoints} of its points
     */
    public static List<ChartPoint> minMax(List<ChartPoint> points, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("Keep at least 4 points, not " + maxPoints);
        }
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        // First and last are kept apart; the rest shares the buckets, two points each.
        int buckets = (maxPoints - 2) / 2;
        List<ChartPoint> out = new ArrayList<>(maxPoints);
        out.add(points.get(0));
        int inner = n - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) inner * b / buckets);
            int to = 1 + (int) ((long) inner * (b + 1) / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                double y = points.get(i).y();
                if (y < points.get(lo).y()) {
                    lo = i;
                }
                if (y > points.get(hi).y()) {
                    hi = i;
                }
            }
            out.add(points.get(Math.min(lo, hi)));
            if (lo != hi) {
                out.add(points.get(Math.max(lo, hi)));
            }
        }
        out.add(points.get(n - 1));
        return out;
    }
}
