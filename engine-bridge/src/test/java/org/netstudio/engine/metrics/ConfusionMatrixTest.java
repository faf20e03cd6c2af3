package org.netstudio.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsPredictionsPerTrueClass() {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("cat", "dog", "fox"), new int[] {0, 0, 1, 1, 1},
                new int[] {0, 1, 1, 1, 0});

        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.rowTotal(1)).isEqualTo(3);
        assertThat(m.classAccuracy(1)).isEqualTo(2.0 / 3);
        assertThat(m.classAccuracy(2)).as("no fox among the examples").isNaN();
        assertThat(m.accuracy()).isEqualTo(3.0 / 5);
        assertThat(ConfusionMatrix.ofCounts(m.classNames(), new long[][] {{1, 1, 0}, {1, 2, 0}, {0, 0, 0}})
                .accuracy()).isEqualTo(m.accuracy());
    }

    @Test
    void countsThatAreNotOneSquareRowPerClassAreRefused() {
        assertThatThrownBy(() -> ConfusionMatrix.ofCounts(List.of("a", "b"), new long[][] {{1, 2}, {3}}))
                .hasMessage("A confusion matrix is square, but row 1 has 1 entries for 2 classes");
        assertThatThrownBy(() -> ConfusionMatrix.ofCounts(List.of("a", "b"), new long[][] {{1, 2}}))
                .hasMessage("1 rows of counts for 2 classes");
    }

    @Test
    void precisionRecallAndF1FollowFromTheCountsAsWorkedOutByHand() {
        // truth:     a a a a b b c c c c
        // predicted: a a b c b b c c a c
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c"), new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2},
                new int[] {0, 0, 1, 2, 1, 1, 2, 2, 0, 2});

        // a: TP 2, predicted 3, present 4 -> precision 2/3, recall 1/2, F1 4/7
        assertThat(m.precision(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall(0)).isCloseTo(0.5, within(1e-12));
        assertThat(m.f1(0)).isCloseTo(4.0 / 7, within(1e-12));
        // b: TP 2, predicted 3, present 2 -> F1 4/5; c: TP 3, predicted 4, present 4 -> F1 3/4
        assertThat(m.f1(1)).isCloseTo(0.8, within(1e-12));
        assertThat(m.f1(2)).isCloseTo(0.75, within(1e-12));
        assertThat(m.macroF1()).isCloseTo((4.0 / 7 + 0.8 + 0.75) / 3, within(1e-12));
        assertThat(m.weightedF1()).isCloseTo((4 * 4.0 / 7 + 2 * 0.8 + 4 * 0.75) / 10, within(1e-12));
        assertThat(m.macroPrecision()).isCloseTo((2.0 / 3 + 2.0 / 3 + 0.75) / 3, within(1e-12));
        assertThat(m.macroRecall()).isCloseTo((0.5 + 1 + 0.75) / 3, within(1e-12));
    }

    @Test
    void aClassNeitherPresentNorPredictedStaysOutOfTheMeansAndOneOnlyPredictedScoresZero() {
        // truth: a a b b; predicted: a c b b -- c is predicted once but never present; d never appears
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c", "d"), new int[] {0, 0, 1, 1},
                new int[] {0, 2, 1, 1});

        assertThat(m.f1(3)).isNaN();
        assertThat(m.recall(2)).isNaN();
        assertThat(m.f1(2)).isZero();
        assertThat(m.macroF1()).isCloseTo((2.0 / 3 + 1 + 0) / 3, within(1e-12));
        assertThat(m.withClassNames(List.of("w", "x", "y", "z")).classNames()).containsExactly("w", "x", "y", "z");
    }
}
