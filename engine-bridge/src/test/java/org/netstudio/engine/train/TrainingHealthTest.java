package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Every few batches a training says how each layer is doing, and a dead Ramp is called dead. */
class TrainingHealthTest {

    private static Chain net() {
        return Chain.named(PortDecl.of(TensorType.real(2)), List.of(Layer.of("Linear", "units", 16), Layer.of("Ramp"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax")), List.of("hidden", "relu", "scores", "softmax"),
                PortDecl.UNSPECIFIED);
    }

    private static List<TrainingEvent.Health> train(Weights initial) {
        List<TrainingEvent.Health> seen = new ArrayList<>();
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(30).maxEpochs(2)
                .validationFraction(0.1).seed(1).build();
        NetTrain.prepare(net(), initial, GeneratedDatasets.spirals(3, 300, 0.05, 7), options)
                .addListener(e -> {
                    if (e instanceof TrainingEvent.Health h) {
                        seen.add(h);
                    }
                }).run();
        return seen;
    }

    @Test
    void eachLayerIsMeasuredFromTheFirstBatchOnEveryFewBatches() {
        List<TrainingEvent.Health> health = train(null);
        // 810 training examples in batches of 30: 27 a batch per epoch, 54 in all; measured at 1, 21, 41.
        assertThat(health).extracting(TrainingEvent.Health::step).containsExactly(1L, 21L, 41L);
        TrainingEvent.Health first = health.get(0);
        assertThat(first.nodes()).extracting(n -> n.node().toString())
                .startsWith("hidden", "relu", "scores");
        NodeHealth hidden = first.nodes().get(0);
        assertThat(hidden.type()).isEqualTo("Linear");
        assertThat(hidden.gradientNorm()).isPositive().isFinite();
        // Adam's first step moves every weight by about the learning rate: a small share of their size.
        assertThat(hidden.updateRatio()).isBetween(1e-4, 0.1);
        assertThat(hidden.warning()).isEmpty();
        NodeHealth relu = first.nodes().get(1);
        assertThat(relu.gradientNorm()).as("a Ramp learns nothing").isNaN();
        assertThat(relu.zeroShare()).isBetween(0.1, 0.9);
        assertThat(relu.activationMean()).isPositive();
    }

    @Test
    void aRampWhoseInputIsAlwaysNegativeIsDeadAndTheLayerBeforeItLearnsNothing() {
        // Biases of −1000: every hidden unit is negative for every spiral point, so the Ramp gives zeros only.
        float[] biases = new float[16];
        java.util.Arrays.fill(biases, -1000);
        Weights dead = Weights.of(List.of(WeightArray.of(Weights.key(NodePath.of("hidden"), "biases"), new long[] {16},
                biases)), Map.of());
        TrainingEvent.Health first = train(dead).get(0);
        NodeHealth relu = first.nodes().get(1);
        assertThat(relu.zeroShare()).isEqualTo(1.0);
        assertThat(relu.warning()).isEqualTo("dead: its output is all zeros");
        assertThat(first.nodes().get(0).warning()).isEqualTo("gradient vanishes");
    }
}
