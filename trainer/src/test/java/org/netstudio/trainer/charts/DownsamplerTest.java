package org.netstudio.trainer.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    private static List<ChartPoint> noisy(int n, long seed) {
        Random random = new Random(seed);
        List<ChartPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new ChartPoint(i, Math.exp(-i / 2000.0) + 0.05 * random.nextGaussian()));
        }
        return points;
    }

    @Test
    void aShortSeriesIsKeptWhole() {
        List<ChartPoint> points = noisy(100, 1);
        assertThat(Downsampler.minMax(points, 400)).containsExactlyElementsOf(points);
    }

    @Test
    void aLongSeriesShrinksToTheLimitKeepingFirstAndLastInOrder() {
        List<ChartPoint> points = noisy(10_000, 2);
        List<ChartPoint> thin = Downsampler.minMax(points, 400);
        assertThat(thin).hasSizeLessThanOrEqualTo(400).hasSizeGreaterThan(300);
        assertThat(thin.get(0)).isEqualTo(points.get(0));
        assertThat(thin.get(thin.size() - 1)).isEqualTo(points.get(points.size() - 1));
        assertThat(thin).isSortedAccordingTo(Comparator.comparingDouble(ChartPoint::x));
    }

    @Test
    void spikesSurviveThinning() {
        List<ChartPoint> points = noisy(10_000, 3);
        // A loss spike and a dip, single points, as a bad batch or a lucky one make them.
        points.set(4321, new ChartPoint(4321, 50));
        points.set(7777, new ChartPoint(7777, -3));
        List<ChartPoint> thin = Downsampler.minMax(points, 200);
        assertThat(thin).contains(points.get(4321), points.get(7777));
    }

    @Test
    void everyBucketKeepsItsExtremes() {
        List<ChartPoint> points = noisy(5_000, 4);
        int max = 102;
        List<ChartPoint> thin = Downsampler.minMax(points, max);
        int buckets = (max - 2) / 2;
        int inner = points.size() - 2;
        for (int b = 0; b < buckets; b++) {
            List<ChartPoint> bucket = points.subList(1 + inner * b / buckets, 1 + inner * (b + 1) / buckets);
            ChartPoint lo = bucket.stream().min(Comparator.comparingDouble(ChartPoint::y)).orElseThrow();
            ChartPoint hi = bucket.stream().max(Comparator.comparingDouble(ChartPoint::y)).orElseThrow();
            assertThat(thin).as("bucket %d", b).contains(lo, hi);
        }
        double trueMin = points.stream().mapToDouble(ChartPoint::y).min().orElseThrow();
        double trueMax = points.stream().mapToDouble(ChartPoint::y).max().orElseThrow();
        assertThat(thin.stream().mapToDouble(ChartPoint::y).min().orElseThrow()).isEqualTo(trueMin);
        assertThat(thin.stream().mapToDouble(ChartPoint::y).max().orElseThrow()).isEqualTo(trueMax);
    }

    @Test
    void tooFewPointsAreRefused() {
        assertThatThrownBy(() -> Downsampler.minMax(noisy(10, 5), 3)).hasMessageContaining("at least 4");
    }

    @Test
    void smootherStartsAtTheFirstValueAndFollowsALevel() {
        Smoother s = new Smoother(0.9);
        assertThat(s.add(2.0)).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
        double last = 0;
        for (int i = 0; i < 200; i++) {
            last = s.add(1.0);
        }
        assertThat(last).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
