package org.netstudio.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** A tensor taking a buffer its caller gives up holds that buffer's remaining values, whatever buffer it is. */
class TensorValueTest {

    @Test
    void takingAWholeHeapBufferHoldsItsValues() {
        TensorValue t = TensorValue.taking(FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}), 2, 3);

        assertThat(t.values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.shape()).containsExactly(2, 3);
    }

    @Test
    void takingPartOfABufferHoldsOnlyThatPart() {
        FloatBuffer part = FloatBuffer.wrap(new float[] {9, 1, 2, 3, 9}, 1, 3).slice();
        FloatBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asFloatBuffer().put(new float[] {7, 8});

        assertThat(TensorValue.taking(part, 3).values()).containsExactly(1, 2, 3);
        assertThat(TensorValue.taking(direct.flip(), 2).values()).containsExactly(7, 8);
        assertThatThrownBy(() -> TensorValue.taking(FloatBuffer.wrap(new float[4]), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 5 values");
    }
}
