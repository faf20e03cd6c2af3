package org.netstudio.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionSumsTest {

    @Test
    void errorsAndRSquaredOfAWorkedExample() {
        // targets 1 2 3 4 (mean 2.5, SST 5); predictions 1 2 4 3: errors 0 0 1 -1 (SSE 2)
        RegressionSums s = RegressionSums.of(new float[] {1, 2, 4, 3}, new float[] {1, 2, 3, 4});

        assertThat(s.meanSquaredError()).isCloseTo(0.5, within(1e-12));
        assertThat(s.meanAbsoluteError()).isCloseTo(0.5, within(1e-12));
        assertThat(s.rSquared()).isCloseTo(1 - 2.0 / 5, within(1e-12));
    }

    @Test
    void batchesAddUpToTheWhole() {
        float[] p = {0.5f, 2, 2.5f, 7, -1};
        float[] t = {1, 2, 3, 5, 0};
        RegressionSums whole = RegressionSums.of(p, t);
        RegressionSums parts = RegressionSums.NONE.plus(RegressionSums.of(new float[] {0.5f, 2}, new float[] {1, 2}))
                .plus(RegressionSums.of(new float[] {2.5f, 7, -1}, new float[] {3, 5, 0}));

        assertThat(parts.rSquared()).isCloseTo(whole.rSquared(), within(1e-12));
        assertThat(parts.meanAbsoluteError()).isCloseTo(whole.meanAbsoluteError(), within(1e-12));
    }

    @Test
    void predictingTheMeanScoresZeroAndConstantTargetsHaveNoRSquared() {
        assertThat(RegressionSums.of(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, new float[] {1, 2, 3, 4}).rSquared())
                .isCloseTo(0, within(1e-12));
        assertThat(RegressionSums.of(new float[] {1, 2}, new float[] {3, 3}).rSquared()).isNaN();
        assertThat(RegressionSums.NONE.meanSquaredError()).isNaN();
    }
}
