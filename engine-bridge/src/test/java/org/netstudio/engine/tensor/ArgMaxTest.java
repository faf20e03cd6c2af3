package org.netstudio.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgMaxTest {

    @Test
    void eachRowGivesItsLargestAndTiesGoToTheFirst() {
        float[] scores = {0.1f, 0.7f, 0.2f, /* row 2 */ 0.4f, 0.4f, 0.2f, /* row 3 */ -3f, -2f, -1f};
        assertThat(ArgMax.rows(scores, 3, 3)).containsExactly(1, 0, 2);
        assertThat(ArgMax.of(scores, 6, 3)).isEqualTo(2);
        assertThat(ArgMax.of(scores, 0, 1)).isZero();
    }
}
