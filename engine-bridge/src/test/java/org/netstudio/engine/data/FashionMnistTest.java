package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST when it is installed (Debian: dataset-fashion-mnist); skipped otherwise. */
class FashionMnistTest {

    @Test
    void loadsAllSeventyThousandImages() throws IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed");
        MemoryDataset train = FashionMnist.DATASET.load();

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.featureShape()).isEqualTo(new Shape(1, 28, 28));
        assertThat(train.classNames()).hasSize(10);
        // The first training image is an ankle boot.
        assertThat(((Targets.Classes) train.targets()).label(0)).isEqualTo(9);
        Dataset test = train.testSet().orElseThrow();
        assertThat(test.size()).isEqualTo(10_000);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : train.features(0)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isLessThanOrEqualTo(1f).isGreaterThan(0.5f);
    }
}
