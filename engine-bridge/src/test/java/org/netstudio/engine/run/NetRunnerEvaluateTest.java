package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class NetRunnerEvaluateTest {

    private static Chain spiralNet() {
        return Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax"));
    }

    @Test
    void evaluationMeasuresWhatTrainingMeasuredOnTheSameDataAndCountsEachClass() {
        MemoryDataset train = GeneratedDatasets.spirals(3, 200, 0.05, 7);
        MemoryDataset validation = GeneratedDatasets.spirals(3, 50, 0.05, 8);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(5)
                .validationSet(validation).seed(1).build();
        TrainedNet trained = NetTrain.train(spiralNet(), train, options, null);
        Metrics during = trained.result().finalMetrics().orElseThrow().validation().orElseThrow();

        Evaluation e;
        try (NetRunner runner = trained.runner()) {
            e = runner.evaluate(validation);
        }

        // The net keeps its Softmax, yet the loss is training's cross-entropy on the scores before it.
        assertThat(e.metrics().loss()).isCloseTo(during.loss(), within(1e-5));
        assertThat(e.metrics().accuracy().getAsDouble()).isEqualTo(during.accuracy().getAsDouble());
        assertThat(e.classNames()).containsExactly("0", "1", "2");
        ConfusionMatrix m = e.confusion();
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 3; t++) {
            assertThat(e.classCount(t)).isEqualTo(50);
            for (int p = 0; p < 3; p++) {
                total += m.count(t, p);
            }
            diagonal += m.count(t, t);
            assertThat(e.classAccuracy(t).getAsDouble()).isEqualTo(m.count(t, t) / 50.0);
        }
        assertThat(total).isEqualTo(150).isEqualTo(m.total());
        assertThat(diagonal / 150.0).isEqualTo(e.metrics().accuracy().getAsDouble());
    }

    @Test
    void dataWithOtherClassesThanTheOutputIsRefusedNamingBoth() {
        TrainedNet trained = NetTrain.train(spiralNet(), GeneratedDatasets.spirals(3, 50, 0.05, 7),
                TrainingOptions.builder().maxEpochs(1).seed(1).build(), null);

        try (NetRunner runner = trained.runner()) {
            assertThatThrownBy(() -> runner.evaluate(GeneratedDatasets.xor(40, 0.1, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The net outputs a vector of size 3 per example, but 'XOR' has 2 classes: the output"
                            + " must be a vector of size 2");
        }
    }
}
