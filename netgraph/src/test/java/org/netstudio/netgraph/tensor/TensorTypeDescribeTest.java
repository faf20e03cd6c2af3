package org.netstudio.netgraph.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The noun phrases messages and the inspector use for a type. */
class TensorTypeDescribeTest {

    @Test
    void realAndIntegerTypesReadAsEnglish() {
        assertThat(TensorType.real(5).describe()).isEqualTo("a vector of size 5");
        assertThat(new TensorType(ElementKind.INTEGER, List.of(Dim.symbolic("n"))).describe())
                .isEqualTo("an integer vector of size n");
        assertThat(new TensorType(ElementKind.INTEGER, List.of()).describe()).isEqualTo("an integer scalar");
        assertThat(new TensorType(ElementKind.INTEGER, List.of(Dim.of(2), Dim.of(3))).describe())
                .isEqualTo("an integer matrix of size 2×3");
        assertThat(TensorType.real(1, 28, 28).describe()).isEqualTo("a 1×28×28 array");
    }
}
