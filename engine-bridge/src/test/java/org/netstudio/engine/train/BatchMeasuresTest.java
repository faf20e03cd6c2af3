package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.metrics.Measure;

class BatchMeasuresTest {

    @Test
    void topFiveCountsTheExamplesWhoseClassIsAmongTheFiveHighestScoresAcrossBatches() {
        // Seven classes; scores rank class j at position 6 - j (class 6 highest) unless said otherwise.
        float[] scores = {
            0, 1, 2, 3, 4, 5, 6, // truth 6: first -> right and in the top five
            0, 1, 2, 3, 4, 5, 6, // truth 2: fifth highest -> in the top five only
            0, 1, 2, 3, 4, 5, 6, // truth 0: lowest -> in neither
        };
        Tally tally = new Tally();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(scores, new Shape(3, 7));
            tally.addLoss(1, 3);
            tally.addClasses("Output", 1, 3);
            BatchMeasures.classes(tally, "Output", s, m.create(new float[] {6, 2, 0}));
            tally.addLoss(1, 1);
            tally.addClasses("Output", 0, 1);
            BatchMeasures.classes(tally, "Output", s.get("0:1"), m.create(new float[] {1}));
        }

        Metrics metrics = tally.metrics();
        assertThat(metrics.measure(Measure.TOP_5_ACCURACY).getAsDouble()).isCloseTo(2.0 / 4, within(1e-12));
        assertThat(metrics.measure(Measure.ACCURACY).getAsDouble()).isCloseTo(1.0 / 4, within(1e-12));
        // Only class 6 is predicted (4 times, right once): F1 of class 6 is 2/(4+1); the other
        // present classes score 0; classes neither present nor predicted stay out.
        assertThat(metrics.measure(Measure.MACRO_F1).getAsDouble()).isCloseTo((0.4 + 0 + 0 + 0) / 4, within(1e-12));
    }

    @Test
    void regressionSumsComeBackFromTheDevice() {
        Tally tally = new Tally();
        try (NDManager m = NDManager.newBaseManager()) {
            tally.addLoss(0.5, 4);
            BatchMeasures.regression(tally, "Output", m.create(new float[] {1, 2, 4, 3}, new Shape(4, 1)),
                    m.create(new float[] {1, 2, 3, 4}));
        }

        Metrics metrics = tally.metrics();
        assertThat(metrics.measure(Measure.MEAN_ABSOLUTE_ERROR).getAsDouble()).isCloseTo(0.5, within(1e-6));
        assertThat(metrics.measure(Measure.R_SQUARED).getAsDouble()).isCloseTo(0.6, within(1e-6));
        assertThat(metrics.measure(Measure.MACRO_F1)).isEmpty();
    }
}
