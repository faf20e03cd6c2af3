package org.netstudio.inspector.arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.WeightArray;

class ArrayStatisticsTest {

    @Test
    void meanStdExtremesAndBins() {
        WeightArray a = WeightArray.of("l/weights", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        ArrayStatistics s = ArrayStatistics.of(a, 5);
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.mean()).isCloseTo(3.5, within(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(17.5 / 6), within(1e-12));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(6);
        assertThat(s.bins()).as("the maximum falls in the last bin").containsExactly(1, 1, 1, 1, 2);
        assertThat(s.bins().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
    }

    @Test
    void nonFiniteValuesAreCountedApart() {
        WeightArray a = WeightArray.of("w", new long[] {4}, new float[] {Float.NaN, 2, 2, Float.POSITIVE_INFINITY});
        ArrayStatistics s = ArrayStatistics.of(a, 4);
        assertThat(s.nonFinite()).isEqualTo(2);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.std()).isZero();
        assertThat(s.bins()).containsExactly(0, 0, 2, 0);
    }

    @Test
    void wholeNumbersAndEmptyArrays() {
        ArrayStatistics s = ArrayStatistics.of(WeightArray.ofLongs("i", new long[] {3}, new long[] {1, 2, 3}), 3);
        assertThat(s.mean()).isEqualTo(2);
        ArrayStatistics none = ArrayStatistics.of(WeightArray.of("e", new long[] {0}, new float[0]), 3);
        assertThat(none.count()).isZero();
        assertThat(none.mean()).isNaN();
        assertThat(none.bins()).containsExactly(0, 0, 0);
    }

    @Test
    void numbersForPeople() {
        assertThat(ArraysView.number(0.050084)).isEqualTo("0.0501");
        assertThat(ArraysView.number(-0.23634)).isEqualTo("-0.236");
        assertThat(ArraysView.number(8.21e-5)).isEqualTo("8.21e-5");
        assertThat(ArraysView.number(123456.0)).isEqualTo("1.23e5");
        assertThat(ArraysView.number(0)).isEqualTo("0");
        assertThat(ArraysView.number(Double.NaN)).isEqualTo("—");
    }
}
