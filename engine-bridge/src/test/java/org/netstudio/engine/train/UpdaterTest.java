package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netstudio.engine.SharedNDManager;

/**
 * RMSProp and AdaGrad, which the engine writes itself, take the steps their formulas give: two steps
 * on w = (1, 2) with the loss Σw² (gradient 2w), worked out by hand.
 */
class UpdaterTest {

    @RegisterExtension
    static final SharedNDManager SHARED = new SharedNDManager();

    private static final float RATE = 0.01f;

    @Test
    void rmsPropDividesByTheRootOfADecayingMeanOfSquaredGradients() {
        // s = 0.1·g², so the first step is rate·g/√(0.1·g²) = rate·√10 whatever g is.
        double first = RATE * Math.sqrt(10);
        double[] afterOne = {1 - first, 2 - first};
        double[] afterTwo = new double[2];
        for (int i = 0; i < 2; i++) {
            double g1 = 2 * (i + 1);
            double g2 = 2 * afterOne[i];
            double s = 0.9 * 0.1 * g1 * g1 + 0.1 * g2 * g2;
            afterTwo[i] = afterOne[i] - RATE * g2 / (Math.sqrt(s) + 1e-7);
        }
        assertThat(twoSteps(OptimizerKind.RMSPROP)).containsExactly(toFloat(afterTwo), within(1e-6f));
    }

    @Test
    void adaGradDividesByTheRootOfTheWholeSumOfSquaredGradients() {
        // s = g², so the first step is rate·g/|g| = rate.
        double[] afterOne = {1 - RATE, 2 - RATE};
        double[] afterTwo = new double[2];
        for (int i = 0; i < 2; i++) {
            double g1 = 2 * (i + 1);
            double g2 = 2 * afterOne[i];
            afterTwo[i] = afterOne[i] - RATE * g2 / (Math.sqrt(g1 * g1 + g2 * g2) + 1e-10);
        }
        assertThat(twoSteps(OptimizerKind.ADAGRAD)).containsExactly(toFloat(afterTwo), within(1e-6f));
    }

    private static float[] twoSteps(OptimizerKind kind) {
        TrainingOptions options = TrainingOptions.builder().optimizer(kind).learningRate(RATE).build();
        try (NDManager m = SHARED.newSubManager(); NDManager state = SHARED.newSubManager()) {
            NDArray w = m.create(new float[] {1, 2});
            w.setRequiresGradient(true);
            Updater updater = Updater.create(options, List.of(w), state);
            for (int step = 0; step < 2; step++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(w.square().sum());
                }
                updater.update(RATE);
            }
            return w.toFloatArray();
        }
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
