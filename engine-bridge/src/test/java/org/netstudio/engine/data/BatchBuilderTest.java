package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    @Test
    void buildsFeatureAndClassBatches() {
        MemoryDataset d = new MemoryDataset("d", new float[] {0, 1, 2, 3, 4, 5, 6, 7}, new Shape(1, 2),
                new Targets.Classes(new int[] {0, 1, 1, 0}, List.of("x", "y")), null);
        BatchBuilder builder = new BatchBuilder(d, 3);
        int[] order = {3, 1, 0, 2};
        try (NDManager manager = NDManager.newBaseManager()) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = builder.features(batch, order, 0, 3);
                NDArray y = builder.targets(batch, order, 0, 3);
                assertThat(x.getShape()).isEqualTo(new Shape(3, 1, 2));
                assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(x.toFloatArray()).containsExactly(6, 7, 2, 3, 0, 1);
                assertThat(y.getDataType()).isEqualTo(DataType.INT64);
                assertThat(y.toLongArray()).containsExactly(0, 1, 0);
            }
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = builder.features(batch, order, 3, 1);
                assertThat(x.getShape()).isEqualTo(new Shape(1, 1, 2));
                assertThat(x.toFloatArray()).containsExactly(4, 5);
                assertThat(builder.targets(batch, order, 3, 1).toLongArray()).containsExactly(1);
            }
        }
    }

    @Test
    void buildsRealTargetBatches() {
        MemoryDataset d = new MemoryDataset("d", new float[] {0, 1, 2}, new Shape(1),
                new Targets.Values(new float[] {10, 11, 20, 21, 30, 31}, 2), null);
        BatchBuilder builder = new BatchBuilder(d, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray y = builder.targets(manager, new int[] {2, 0}, 0, 2);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(y.toFloatArray()).containsExactly(30, 31, 10, 11);
        }
    }

    @Test
    void refusesBatchesLargerThanItsBuffers() {
        MemoryDataset d = GeneratedDatasets.xor(10, 0, 1);
        BatchBuilder builder = new BatchBuilder(d, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> builder.features(manager, new int[10], 0, 5))
                    .hasMessage("A batch must have 1 to 4 examples, but 5 were asked for");
        }
        assertThatThrownBy(() -> new BatchBuilder(d, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
