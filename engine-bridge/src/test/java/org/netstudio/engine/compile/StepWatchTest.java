package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** A watch sees every step of a net as it runs, nested containers included, and may replace what a step gives. */
class StepWatchTest {

    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    private static Chain net() {
        return Chain.of(PortDecl.of(TensorType.real(3)), Layer.of("Linear", "units", 4),
                Chain.of(PortDecl.UNSPECIFIED, Layer.of("Ramp"), Layer.of("Linear", "units", 2)), Layer.of("Softmax"));
    }

    /** The net's outputs for five random examples: [0] as {@code watch} leaves them, [1] run without a watch. */
    private static float[][] watchedAndPlain(CompiledNet.StepWatch watch) {
        CompiledNet block = NetCompiler.compile(net(), 3);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDArray x = m.randomUniform(-1, 1, new Shape(5, 3));
            NDList watched = block.forward(new ParameterStore(m, false), new NDList(x), false, watch);
            NDList plain = block.forward(new ParameterStore(m, false), new NDList(x), false);
            return new float[][] {watched.head().toFloatArray(), plain.head().toFloatArray()};
        }
    }

    @Test
    void theWatchSeesEachStepInOrderWithItsPathTypeAndValue() {
        List<String> seen = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        float[][] out = watchedAndPlain((step, type, o) -> {
            seen.add(step + " " + type);
            shapes.add(o.head().getShape());
            return o;
        });
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).endsWith(" Linear");
        assertThat(seen.get(1)).endsWith(" Ramp").contains("/");
        assertThat(seen.get(3)).endsWith(" Softmax");
        assertThat(shapes).containsExactly(new Shape(5, 4), new Shape(5, 4), new Shape(5, 2), new Shape(5, 2));
        assertThat(out[0]).containsExactly(out[1]);
    }

    @Test
    void whatTheWatchReturnsIsWhatTheNextStepsRead() {
        float[][] out = watchedAndPlain((step, type, o) -> type.equals("Ramp") ? new NDList(o.head().zerosLike()) : o);
        // With the Ramp's output zeroed, the last Linear gives its biases whatever the example: five equal rows.
        float[] p = out[0];
        for (int row = 1; row < 5; row++) {
            assertThat(new float[] {p[2 * row], p[2 * row + 1]}).containsExactly(p[0], p[1]);
        }
        assertThat(out[1]).isNotEqualTo(p);
    }
}
