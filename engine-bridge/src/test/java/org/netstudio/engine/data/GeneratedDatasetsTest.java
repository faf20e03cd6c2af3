package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class GeneratedDatasetsTest {

    private static float[] all(Dataset d) {
        float[] out = new float[d.size() * d.featureLength()];
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        d.copyFeatures(idx, 0, idx.length, FloatBuffer.wrap(out));
        return out;
    }

    @Test
    void spiralsHaveOneClassPerArmAndDependOnlyOnTheSeed() {
        MemoryDataset three = GeneratedDatasets.spirals(3, 100, 0.05, 1);
        assertThat(three.size()).isEqualTo(300);
        assertThat(three.featureShape()).isEqualTo(new Shape(2));
        assertThat(three.classNames()).containsExactly("0", "1", "2");
        int[] counts = new int[3];
        for (int label : ((Targets.Classes) three.targets()).labels()) {
            counts[label]++;
        }
        assertThat(counts).containsExactly(100, 100, 100);
        assertThat(all(GeneratedDatasets.spirals(3, 100, 0.05, 1))).containsExactly(all(three));
        assertThat(all(GeneratedDatasets.spirals(3, 100, 0.05, 2))).isNotEqualTo(all(three));
        assertThat(GeneratedDatasets.spirals(2, 10, 0, 1).classNames()).containsExactly("0", "1");
    }

    @Test
    void noiselessSpiralPointsLieWithinTheUnitDisc() {
        MemoryDataset d = GeneratedDatasets.spirals(2, 50, 0, 3);
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.feature(i, 0), d.feature(i, 1));
            assertThat(r).isBetween(0.04, 1.0001);
        }
    }

    @Test
    void spiralsNeedTwoOrThreeArms() {
        assertThatThrownBy(() -> GeneratedDatasets.spirals(4, 10, 0, 1))
                .hasMessage("A spiral dataset has 2 or 3 arms, but 4 were asked for");
        assertThatThrownBy(() -> GeneratedDatasets.spirals(2, 0, 0, 1))
                .hasMessage("pointsPerArm must be at least 1, but was 0");
        assertThatThrownBy(() -> GeneratedDatasets.moons(10, -1, 1))
                .hasMessage("noise must be a finite number, 0 or more, but was -1.0");
    }

    @Test
    void moonsSplitIntoTwoHalfCircles() {
        MemoryDataset moons = GeneratedDatasets.moons(101, 0, 4);
        assertThat(moons.size()).isEqualTo(101);
        Targets.Classes t = (Targets.Classes) moons.targets();
        for (int i = 0; i < moons.size(); i++) {
            float x = moons.feature(i, 0);
            float y = moons.feature(i, 1);
            if (t.label(i) == 0) {
                assertThat(Math.hypot(x, y)).isCloseTo(1.0, within(1e-5));
            } else {
                assertThat(Math.hypot(x - 1, y - 0.5)).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void xorLabelsMatchTheQuadrantWithoutNoise() {
        MemoryDataset xor = GeneratedDatasets.xor(200, 0, 5);
        assertThat(xor.classNames()).containsExactly("false", "true");
        Targets.Classes t = (Targets.Classes) xor.targets();
        for (int i = 0; i < xor.size(); i++) {
            boolean expected = (xor.feature(i, 0) > 0) != (xor.feature(i, 1) > 0);
            assertThat(t.label(i)).isEqualTo(expected ? 1 : 0);
        }
    }

    @Test
    void linearTargetsFollowTheExposedCoefficients() {
        LinearProblem problem = GeneratedDatasets.linear(50, 4, 0, 6);
        MemoryDataset d = problem.dataset();
        assertThat(d.featureShape()).isEqualTo(new Shape(4));
        Targets.Values y = (Targets.Values) d.targets();
        assertThat(y.width()).isEqualTo(1);
        float[] w = problem.weights();
        assertThat(w).hasSize(4);
        for (float wi : w) {
            assertThat(wi).isBetween(-2f, 2f);
        }
        assertThat(problem.bias()).isBetween(-1f, 1f);
        for (int i = 0; i < d.size(); i++) {
            double expected = problem.bias();
            for (int j = 0; j < 4; j++) {
                expected += w[j] * d.feature(i, j);
            }
            assertThat(y.value(i, 0)).isCloseTo((float) expected, within(1e-4f));
        }
        w[0] = 99;
        assertThat(problem.weights()[0]).isNotEqualTo(99);
    }
}
