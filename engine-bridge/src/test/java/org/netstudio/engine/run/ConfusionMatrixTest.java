package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
