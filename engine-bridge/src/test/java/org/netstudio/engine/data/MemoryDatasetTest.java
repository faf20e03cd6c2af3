package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDatasetTest {

    private static MemoryDataset threeExamples() {
        float[] features = {0, 1, 10, 11, 20, 21};
        return new MemoryDataset("tiny", features, new Shape(2), new Targets.Classes(new int[] {0, 1, 0},
                List.of("a", "b")), null);
    }

    @Test
    void copiesItsInputAndExposesAReadOnlyView() {
        float[] features = {1, 2};
        MemoryDataset d = new MemoryDataset("one", features, new Shape(1, 2), new Targets.Values(new float[] {5}, 1), null);
        features[0] = 99;
        assertThat(d.feature(0, 0)).isEqualTo(1);
        FloatBuffer view = d.features();
        assertThatThrownBy(() -> view.put(0, 3f)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(d.featureLength()).isEqualTo(2);
        assertThat(d.testSet()).isEmpty();
        assertThat(d.inMemory()).isTrue();
    }

    @Test
    void refusesFeaturesThatDoNotMatchTheTargets() {
        assertThatThrownBy(() -> new MemoryDataset("bad", new float[5], new Shape(2),
                new Targets.Values(new float[3], 1), null))
                .hasMessage("Dataset 'bad' has 3 targets, so it needs 6 feature values of shape (2), but has 5");
    }

    @Test
    void copiesChosenExamplesInOrder() {
        MemoryDataset d = threeExamples();
        float[] out = new float[4];
        FloatBuffer buffer = FloatBuffer.wrap(out);
        d.copyFeatures(new int[] {9, 2, 0}, 1, 2, buffer);
        assertThat(out).containsExactly(20, 21, 0, 1);
        assertThat(buffer.position()).isEqualTo(4);
        assertThat(d.features(1)).containsExactly(10, 11);
    }

    @Test
    void subsetsAndSlicesKeepTheirTargets() {
        MemoryDataset d = threeExamples();
        MemoryDataset s = d.subset(new int[] {2, 1, 1}, "picked");
        assertThat(s.name()).isEqualTo("picked");
        assertThat(s.features(0)).containsExactly(20, 21);
        assertThat(((Targets.Classes) s.targets()).labels()).containsExactly(0, 1, 1);
        assertThat(s.classNames()).containsExactly("a", "b");
        MemoryDataset slice = d.slice(1, 3);
        assertThat(slice.size()).isEqualTo(2);
        assertThat(slice.features(0)).containsExactly(10, 11);
        assertThatThrownBy(() -> d.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aTestSetCanBeAttached() {
        MemoryDataset d = threeExamples();
        MemoryDataset withTest = d.withTestSet(d.slice(0, 1));
        assertThat(withTest.testSet()).get().extracting(Dataset::size).isEqualTo(1);
        assertThat(withTest.size()).isEqualTo(3);
    }

    @Test
    void targetsValidateTheirContent() {
        assertThatThrownBy(() -> new Targets.Classes(new int[] {0, 2}, List.of("a", "b")))
                .hasMessage("Example 1 has class index 2, but there are only 2 classes (0 to 1)");
        assertThatThrownBy(() -> new Targets.Classes(new int[] {0}, List.of("a", "a")))
                .hasMessage("The class name 'a' appears twice");
        assertThatThrownBy(() -> new Targets.Values(new float[5], 2))
                .hasMessage("5 target values cannot be split into rows of 2");
        Targets.Values values = new Targets.Values(new float[] {1, 2, 3, 4}, 2);
        assertThat(values.size()).isEqualTo(2);
        assertThat(values.value(1, 0)).isEqualTo(3);
        assertThat(values.subset(new int[] {1}).values()).containsExactly(3, 4);
        assertThat(Targets.Classes.numbered(new int[] {1}, 3).classNames()).containsExactly("0", "1", "2");
    }
}
