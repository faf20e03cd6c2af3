package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.LinearProblem;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** A loss that becomes NaN stops training with the node that first gave a non-finite value named. */
class NonFiniteTrainingTest {

    private static final LinearProblem DATA = GeneratedDatasets.linear(400, 3, 0.1, 11);
    private static final TrainingOptions OPTIONS = TrainingOptions.builder().learningRate(0.01).batchSize(32)
            .maxEpochs(2).seed(5).build();

    /** Linear 4 (outputs of both signs) → Elementwise {@code function} named {@code name} → Linear 1. */
    private static Chain net(String function, String name) {
        return Chain.named(PortDecl.of(TensorType.real(3)),
                List.of(Layer.of("Linear", "units", 4), Layer.of("Elementwise", "function", function),
                        Layer.of("Linear", "units", 1)),
                List.of("linear1", name, "linear2"), PortDecl.UNSPECIFIED);
    }

    private static TrainedNet train(NetNode net, List<TrainingEvent> events) {
        return NetTrain.prepare(net, null, DATA.dataset(), OPTIONS).addListener(events::add).run();
    }

    @Test
    void aLogOfNegativeValuesStopsTrainingWithThatNodeNamed() {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainedNet trained = train(net("log(x)", "log1"), events);

        TrainingResult result = trained.result();
        assertThat(result.failed()).isTrue();
        assertThat(result.message()).matches("Loss became NaN in epoch 1, batch 1: the first non-finite value came out "
                + "of `log1` \\(Elementwise log\\(x\\)\\), from finite inputs; kept the net training started from");
        assertThat(result.nonFiniteAt()).contains(NodePath.of("log1"));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Failed.class,
                failed -> assertThat(failed.result().nonFiniteAt()).contains(NodePath.of("log1")));
        // The net kept is the one from before that batch: its weights are finite.
        for (String key : List.of("linear1/weights", "linear2/weights")) {
            WeightArray weights = trained.weights().get(key).orElseThrow();
            for (float w : weights.floats()) {
                assertThat(w).as(key).isFinite();
            }
        }
    }

    @Test
    void aNodeInsideAContainerIsNamedByItsPathFromTheRoot() {
        Chain outer = Chain.named(PortDecl.of(TensorType.real(3)), List.of(net("log(x)", "log1").withInput(PortDecl.UNSPECIFIED),
                Layer.of("Linear", "units", 1)), List.of("block", "out"), PortDecl.UNSPECIFIED);

        TrainingResult result = train(outer, new CopyOnWriteArrayList<>()).result();

        assertThat(result.message()).contains("came out of `block/log1` (Elementwise log(x))");
        assertThat(result.nonFiniteAt()).contains(NodePath.of("block", "log1"));
    }

    @Test
    void aNodeWhoseGradientIsNotFiniteIsNamedBeforeItReachesTheWeights() {
        // sqrt(x - x) is 0 going forward, but its gradient is ∞ · 0 = NaN.
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainedNet trained = train(net("sqrt(x - x)", "sqrt1"), events);

        TrainingResult result = trained.result();
        assertThat(result.message()).isEqualTo("Gradients became NaN or infinite in epoch 1, batch 1: the first "
                + "non-finite gradient came out of `sqrt1` (Elementwise sqrt(x - x)) going backward, from finite "
                + "gradients at its output; kept the net training started from");
        assertThat(result.nonFiniteAt()).contains(NodePath.of("sqrt1"));
        for (float w : trained.weights().get("linear1/weights").orElseThrow().floats()) {
            assertThat(w).isFinite();
        }
    }

    @Test
    void aFiniteRunIsUnaffected() {
        TrainingResult result = train(net("log(x*x + 1)", "log1"), new CopyOnWriteArrayList<>()).result();

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.epochsCompleted()).isEqualTo(2);
        assertThat(result.nonFiniteAt()).isEmpty();
    }
}
