package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Saliency and Grad-CAM of a net small enough to work out by hand. */
class AttributionsTest {

    /**
     * A 1×2×2 image through a 1×1 convolution of weight 2 (feature map = 2x), flattened into one
     * linear unit with weights w: score = Σ w_i · 2x_i. So ∂score/∂x_i = 2w_i, saliency ∝ |2 w_i x_i|;
     * Grad-CAM's channel weight is mean(w) over the map, and its map ∝ ReLU(mean(w) · 2x).
     */
    @Test
    void saliencyAndGradCamAreWhatTheArithmeticSays() {
        NetNode net = Chain.named(PortDecl.of(TensorType.real(1, 2, 2)),
                List.of(Layer.of("Convolution", "channels", 1, "kernel", 1), Layer.of("Flatten"),
                        Layer.of("Linear", "units", 1)),
                List.of("conv", "flat", "score"), PortDecl.UNSPECIFIED);
        float[] w = {1, -2, 3, 0.5f};
        Weights weights = Weights.of(List.of(
                WeightArray.of(Weights.key(NodePath.of("conv"), "weights"), new long[] {1, 1, 1, 1}, new float[] {2}),
                WeightArray.of(Weights.key(NodePath.of("conv"), "biases"), new long[] {1}, new float[] {0}),
                WeightArray.of(Weights.key(NodePath.of("score"), "weights"), new long[] {1, 4}, w),
                WeightArray.of(Weights.key(NodePath.of("score"), "biases"), new long[] {1}, new float[] {0})),
                java.util.Map.of());
        float[] x = {1, 2, 3, 4};
        try (NetRunner runner = NetRunner.load(net, weights)) {
            Attributions a = Attributions.of(runner, net, x, 1, 2, 2, 0, Attributions.lastPictureLayer(net));
            // |2 w_i x_i| = 2, 8, 18, 4; scaled by the largest.
            assertThat(a.saliency()).containsExactly(new float[] {2 / 18f, 8 / 18f, 1, 4 / 18f}, within(1e-6f));
            // mean(w) = 0.625 > 0, so the map follows 2x: 2, 4, 6, 8, scaled by the largest.
            assertThat(a.camLayer()).isEqualTo("conv");
            assertThat(a.gradCam()).containsExactly(new float[] {0.25f, 0.5f, 0.75f, 1}, within(1e-6f));
        }
    }
}
