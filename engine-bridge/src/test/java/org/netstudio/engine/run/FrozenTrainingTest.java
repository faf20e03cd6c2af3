package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Training with frozen layers: every array of a frozen layer (a batch norm's moving statistics too)
 * is bit-identical afterwards, whatever the optimiser, while the others learn.
 */
class FrozenTrainingTest {

    /** A trunk container (Linear, BatchNorm, Ramp) and a head. */
    private static NetNode net() {
        Chain trunk = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Linear", "units", 16), Layer.of("BatchNorm"),
                Layer.of("Ramp")), Arrays.asList("a", "bn", null), PortDecl.UNSPECIFIED);
        return Chain.named(PortDecl.of(TensorType.real(2)), List.of(trunk, Layer.of("Linear", "units", 3),
                Layer.of("Softmax")), Arrays.asList("trunk", "head", null), PortDecl.UNSPECIFIED);
    }

    private static MemoryDataset spirals() {
        return GeneratedDatasets.spirals(3, 100, 0.05, 7);
    }

    private static Weights pretrained() {
        TrainingOptions options = TrainingOptions.builder().batchSize(16).maxEpochs(1).seed(1).build();
        return NetTrain.prepare(net(), null, spirals(), options).run().weights();
    }

    @Test
    void everyFrozenArrayIsBitIdenticalAfterTrainingWithEachOptimiserAndTheHeadLearns() {
        Weights before = pretrained();
        LearningRateMultipliers frozenTrunk = LearningRateMultipliers.NONE.with(NodePath.of("trunk"), 0);
        for (OptimizerKind kind : OptimizerKind.values()) {
            TrainingOptions options = TrainingOptions.builder().optimizer(kind).batchSize(16).maxEpochs(2).seed(2)
                    .validationFraction(0).multipliers(frozenTrunk).build();
            TrainedNet trained = NetTrain.prepare(net(), before, spirals(), options).run();
            assertThat(trained.result().stopReason()).as("%s", kind).isEqualTo(StopReason.COMPLETED);
            for (Map.Entry<String, WeightArray> e : before.arrays().entrySet()) {
                int[] was = bits(e.getValue());
                int[] now = bits(trained.weights().get(e.getKey()).orElseThrow());
                if (e.getKey().startsWith("trunk/")) {
                    assertThat(now).as("frozen %s under %s", e.getKey(), kind).isEqualTo(was);
                } else {
                    assertThat(now).as("learning %s under %s", e.getKey(), kind).isNotEqualTo(was);
                }
            }
        }
        assertThat(before.arrays().keySet()).contains("trunk/bn/movingMean", "trunk/bn/movingVar");
    }

    @Test
    void aLayersOwnMultiplierOverridesItsFrozenContainer() {
        Weights before = pretrained();
        LearningRateMultipliers m = LearningRateMultipliers.NONE.with(NodePath.of("trunk"), 0)
                .with(NodePath.of("trunk", "a"), 0.5);
        TrainingOptions options = TrainingOptions.builder().batchSize(16).maxEpochs(1).seed(2).multipliers(m).build();
        TrainedNet trained = NetTrain.prepare(net(), before, spirals(), options).run();
        assertThat(bits(trained.weights().get("trunk/a/weights").orElseThrow()))
                .isNotEqualTo(bits(before.get("trunk/a/weights").orElseThrow()));
        assertThat(bits(trained.weights().get("trunk/bn/gamma").orElseThrow()))
                .isEqualTo(bits(before.get("trunk/bn/gamma").orElseThrow()));
    }

    @Test
    void freezingEveryLayerIsRefusedBeforeTraining() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1)
                .multipliers(LearningRateMultipliers.NONE.with(NodePath.ROOT, 0)).build();
        assertThatThrownBy(() -> NetTrain.prepare(net(), null, spirals(), options))
                .hasMessage("Every layer of the net is frozen (learning-rate multiplier 0), so training would change"
                        + " nothing; unfreeze at least one layer");
    }

    /** The raw bits of every value, so that "identical" means identical bytes. */
    static int[] bits(WeightArray array) {
        float[] values = array.floats();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
