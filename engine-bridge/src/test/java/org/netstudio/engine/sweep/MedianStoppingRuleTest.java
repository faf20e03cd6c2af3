package org.netstudio.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianStoppingRuleTest {

    @Test
    void aTrialWorseThanTheMedianOfTheOthersAtTheSameEpochIsStopped() {
        MedianStoppingRule rule = new MedianStoppingRule(2, 3);
        for (int trial = 1; trial <= 3; trial++) {
            assertThat(rule.report(trial, 1, 1.0 + trial)).isFalse();
            assertThat(rule.report(trial, 2, 0.5 + trial / 10.0)).isFalse();
        }
        // Epoch 2 of the others: 0.6, 0.7, 0.8 → median 0.7.
        assertThat(rule.report(4, 1, 9.0)).as("before the grace epoch").isFalse();
        assertThat(rule.report(4, 2, 0.75)).isTrue();
        assertThat(rule.report(5, 2, 0.65)).isFalse();
    }

    @Test
    void theFirstTrialsRunToTheEnd() {
        MedianStoppingRule rule = new MedianStoppingRule(1, 3);

        assertThat(rule.report(1, 1, 5.0)).isFalse();
        assertThat(rule.report(2, 1, 9.0)).isFalse();
        assertThat(rule.report(3, 1, 9.0)).isFalse();
        assertThat(rule.report(4, 1, 9.5)).as("worse than the median of 5, 9, 9").isTrue();
    }

    @Test
    void aLossThatBecameNaNIsWorseThanAny() {
        MedianStoppingRule rule = new MedianStoppingRule(1, 1);
        rule.report(1, 1, 1.0);

        assertThat(rule.report(2, 1, Double.NaN)).isTrue();
    }
}
