package org.netstudio.canvas.level;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.canvas.palette.NodeFactory;
import org.netstudio.netgraph.net.Layer;

class NodeTextTest {

    @Test
    void keyParametersReadLikeAPerson() {
        assertThat(NodeText.keyParams(Layer.of("Convolution", "channels", 32, "kernel", 3), 2)).isEqualTo("32, 3×3");
        assertThat(NodeText.keyParams(Layer.of("Convolution", "channels", 32, "kernel", 3, "stride", 2), 2))
                .isEqualTo("32, 3×3, stride 2");
        assertThat(NodeText.keyParams(Layer.of("Pooling", "function", "max", "kernel", 2), 2)).isEqualTo("max 2×2");
        assertThat(NodeText.keyParams(Layer.of("Pooling", "function", "max", "kernel", 3, "stride", 2, "ceil", true), 2))
                .isEqualTo("max 3×3, stride 2, ceil");
        assertThat(NodeText.keyParams(Layer.of("Linear", "units", 10), 0)).isEqualTo("10");
        assertThat(NodeText.keyParams(Layer.of("Dropout"), -1)).isEqualTo("rate 0.5");
        assertThat(NodeText.keyParams(Layer.of("Tanh"), -1)).isEmpty();
    }

    @Test
    void countsAndTypes() {
        assertThat(NodeText.paramCount(0)).isEmpty();
        assertThat(NodeText.paramCount(1)).isEqualTo("1 param");
        assertThat(NodeText.paramCount(431_080)).isEqualTo("431,080 params");
        assertThat(NodeText.paramCount(-1)).isEqualTo("? params");
    }

    @Test
    void everyPaletteEntryMakesANode() {
        for (String id : NodeFactory.ids()) {
            assertThat(NodeFactory.create(id).typeName()).isEqualTo(id);
        }
        assertThat(NodeFactory.create("dense").typeName()).isEqualTo("Linear");
    }
}
