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
 * Learning-rate factors: 0 leaves an array untouched, others scale its step. RMSProp and AdaGrad, which the engine writes itself, take the steps their formulas give: two steps
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

    @Test
    void anArrayWithFactorZeroIsLeftBitIdenticalByEveryOptimiser() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            float[][] after = steps(kind, RATE, new float[] {0, 1}, 5);
            assertThat(after[0]).as("the frozen array under %s", kind).containsExactly(1, 2);
            assertThat(after[1]).as("the learning array under %s", kind).doesNotContain(1f, 2f);
        }
    }

    @Test
    void aFactorScalesTheStepAsALowerRateWould() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            float[] half = steps(kind, RATE, new float[] {0.5f}, 3)[0];
            float[] halfRate = steps(kind, RATE / 2, new float[] {1}, 3)[0];
            assertThat(half).as("factor 0.5 under %s", kind).containsExactly(halfRate, within(1e-7f));
        }
    }

    private static float[] twoSteps(OptimizerKind kind) {
        return steps(kind, RATE, new float[] {1}, 2)[0];
    }

    /** {@code count} steps on arrays (1, 2) with the loss Σw², one array per factor. */
    private static float[][] steps(OptimizerKind kind, float rate, float[] factors, int count) {
        TrainingOptions options = TrainingOptions.builder().optimizer(kind).learningRate(rate).build();
        try (NDManager m = SHARED.newSubManager(); NDManager state = SHARED.newSubManager()) {
            NDArray[] ws = new NDArray[factors.length];
            for (int i = 0; i < ws.length; i++) {
                ws[i] = m.create(new float[] {1, 2});
                ws[i].setRequiresGradient(true);
            }
            Updater updater = Updater.create(options, List.of(ws), factors, state);
            for (int step = 0; step < count; step++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = ws[0].square().sum();
                    for (int i = 1; i < ws.length; i++) {
                        loss = loss.add(ws[i].square().sum());
                    }
                    collector.backward(loss);
                }
                updater.update(rate, java.util.OptionalDouble.empty());
            }
            float[][] out = new float[ws.length][];
            for (int i = 0; i < ws.length; i++) {
                out[i] = ws[i].toFloatArray();
            }
            return out;
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
