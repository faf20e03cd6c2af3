package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Token vectors become one unit-length sentence embedding: their mean (MiniLM, E5) or the [CLS] token's (BGE). */
class PoolingTest {

    // Two sentences of up to three tokens, vectors of 2: the second has one padding token.
    private static final float[] HIDDEN = {1, 0, 0, 1, 1, 1, 3, 4, 3, 4, 100, 100};
    private static final long[] MASK = {1, 1, 1, 1, 1, 0};

    @Test
    void meanAveragesTheRealTokensToUnitLength() {
        float[][] rows = Pooling.MEAN.pool(FloatBuffer.wrap(HIDDEN), MASK, 2, 3, 2);
        assertThat(rows[0][0]).isCloseTo((float) Math.sqrt(0.5), Offset.offset(1e-6f));
        assertThat(rows[1]).containsExactly(new float[] {0.6f, 0.8f}, Offset.offset(1e-6f));
    }

    @Test
    void clsTakesTheFirstTokenAlone() {
        float[][] rows = Pooling.CLS.pool(FloatBuffer.wrap(HIDDEN), MASK, 2, 3, 2);
        assertThat(rows[0]).containsExactly(new float[] {1, 0}, Offset.offset(1e-6f));
        assertThat(rows[1]).containsExactly(new float[] {0.6f, 0.8f}, Offset.offset(1e-6f));
    }

    @Test
    void theIndexNamesThem() {
        assertThat(Pooling.named("CLS")).isEqualTo(Pooling.CLS);
        assertThat(Pooling.named("mean").label()).isEqualTo("mean");
        assertThatThrownBy(() -> Pooling.named("max")).hasMessage("no pooling \"max\" (mean or cls)");
    }
}
