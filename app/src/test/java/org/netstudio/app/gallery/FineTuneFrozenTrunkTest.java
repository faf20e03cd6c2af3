package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.run.Evaluation;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NodePath;

/**
 * Issue 14's first must-show: fine-tuning the pretrained Fashion-MNIST CNN with everything but its
 * last Linear frozen (the whole net at multiplier 0, {@code logits} at 1) and a fresh head. Every
 * frozen array — the convolutions, the batch norms' gammas, betas and moving statistics, the dense
 * layer — comes out with the same bytes, and the head learns from chance to a good classifier.
 * Skipped when Debian's dataset-fashion-mnist is not installed.
 */
class FineTuneFrozenTrunkTest {

    @Test
    void theFrozenTrunkIsBitIdenticalAndTheFreshHeadLearns() throws java.io.IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        MemoryDataset all = FashionMnist.DATASET.load();
        MemoryDataset train = all.slice(0, 3000);
        MemoryDataset test = ((MemoryDataset) all.testSet().orElseThrow()).slice(0, 2000);
        LoadedNet loaded = Gallery.standard().loadWithWeights("fashion-cnn-pretrained");
        Weights pretrained = loaded.weights().orElseThrow();
        Weights headless = pretrained.without("logits/weights").without("logits/biases");
        LearningRateMultipliers allButTheHead = LearningRateMultipliers.NONE.with(NodePath.ROOT, 0)
                .with(NodePath.of("logits"), 1);
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).batchSize(32).validationFraction(0).seed(3)
                .multipliers(allButTheHead).build();

        PreparedTraining training = NetTrain.prepare(loaded.document().net(), headless, train, options);
        List<Double> losses = new ArrayList<>();
        training.addListener(e -> {
            if (e instanceof TrainingEvent.BatchEnded b) {
                losses.add(b.loss());
            }
        });
        assertThat(training.freshArrays()).containsExactlyInAnyOrder("logits/weights", "logits/biases");
        TrainedNet trained = training.run();

        assertThat(trained.result().stopReason()).isEqualTo(StopReason.COMPLETED);
        int compared = 0;
        for (Map.Entry<String, WeightArray> e : headless.arrays().entrySet()) {
            assertThat(bytes(trained.weights().get(e.getKey()).orElseThrow())).as("frozen %s", e.getKey())
                    .isEqualTo(bytes(e.getValue()));
            compared++;
        }
        assertThat(compared).isEqualTo(pretrained.size() - 2);
        assertThat(headless.arrays().keySet()).contains("bn1/movingMean", "bn2/movingVar", "dense/weights");
        double firstLosses = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double lastLosses = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(lastLosses).as("the head's loss at the end against the start").isLessThan(firstLosses / 2);
        Evaluation after;
        try (NetRunner runner = NetRunner.load(trained.net(), trained.weights())) {
            after = runner.evaluate(test);
        }
        assertThat(after.metrics().accuracy().getAsDouble()).as("test accuracy of the new head").isGreaterThan(0.8);
    }

    /** Every value's raw bits, as the file stores them. */
    private static int[] bytes(WeightArray a) {
        float[] values = a.floats();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
