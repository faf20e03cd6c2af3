package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;

class ValueStatisticsTest {

    @Test
    void spreadZerosAndNonFiniteValuesAreCountedAsNumPyWould() {
        ValueStatistics s = ValueStatistics.of(TensorValue.of(new float[] {0, 2, 4, 0, Float.NaN, Float.POSITIVE_INFINITY}, 2, 3));

        assertThat(s.count()).isEqualTo(6);
        assertThat(s.nonFinite()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(1.5);
        // numpy.std([0, 2, 4, 0]) = 1.6583123951777
        assertThat(s.std()).isCloseTo(1.6583123951777, within(1e-12));
        assertThat(s.min()).isZero();
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.zeros()).isEqualTo(2.0 / 6);
    }

    @Test
    void aTensorWithoutFiniteValuesHasNoSpread() {
        ValueStatistics s = ValueStatistics.of(TensorValue.of(new float[] {Float.NaN}, 1));
        assertThat(s.mean()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.nonFinite()).isEqualTo(1);
    }
}
