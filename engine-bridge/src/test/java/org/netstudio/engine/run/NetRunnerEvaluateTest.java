package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
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
        // Macro F1 is measured the same way in training's validation and here, from the same counts.
        assertThat(e.metrics().measure(Measure.MACRO_F1).getAsDouble()).isCloseTo(m.macroF1(), within(1e-12))
                .isCloseTo(during.measure(Measure.MACRO_F1).getAsDouble(), within(1e-12));
        assertThat(e.metrics().measure(Measure.TOP_5_ACCURACY)).as("three classes: top-5 says nothing").isEmpty();
        assertThat(e.predictions().size()).isZero();
    }

    @Test
    void aRegressionIsMeasuredByItsErrorsAndRSquaredWithItsPredictionsForAScatter() {
        MemoryDataset data = GeneratedDatasets.linear(400, 3, 0.1, 5).dataset();
        Chain regression = Chain.of(PortDecl.of(TensorType.real(3)), Layer.of("Linear", "units", 1));
        TrainedNet trained = NetTrain.train(regression, data, TrainingOptions.builder().learningRate(0.03)
                .maxEpochs(30).validationFraction(0).seed(2).build(), null);
        Metrics training = trained.result().lastEpoch().orElseThrow().training();

        Evaluation e;
        try (NetRunner runner = trained.runner()) {
            e = runner.evaluate(data);
        }

        double mse = e.metrics().measure(Measure.MEAN_SQUARED_ERROR).getAsDouble();
        assertThat(mse).as("the loss is the mean squared error").isCloseTo(e.metrics().loss(), within(1e-6));
        assertThat(e.metrics().measure(Measure.MEAN_ABSOLUTE_ERROR).getAsDouble())
                .isBetween(0.0, Math.sqrt(mse) + 1e-9);
        assertThat(e.metrics().measure(Measure.R_SQUARED).getAsDouble()).isGreaterThan(0.99);
        assertThat(e.metrics().accuracy()).isEmpty();
        assertThat(training.measure(Measure.R_SQUARED)).as("training measures R² each epoch too").isPresent();
        assertThat(e.predictions().size()).isEqualTo(400);
        double squares = 0;
        for (int i = 0; i < e.predictions().size(); i++) {
            double d = e.predictions().predicted(i) - e.predictions().truth(i);
            squares += d * d;
        }
        assertThat(squares / 400).isCloseTo(mse, within(1e-4));
    }

    @Test
    void theMatrixNamesTheClassesAsTheNetsDecoderDoes() {
        Coder decoder = new Coder("Class", Map.of("labels", List.of("inner", "middle", "outer")));
        Chain labelled = spiralNet().withOutput(new PortDecl(Coders.typeOf(decoder, false), decoder));
        MemoryDataset data = GeneratedDatasets.spirals(3, 40, 0.05, 7);
        TrainedNet trained = NetTrain.train(labelled, data, TrainingOptions.builder().maxEpochs(1).seed(1).build(), null);

        try (NetRunner runner = trained.runner()) {
            assertThat(runner.evaluate(data).classNames()).containsExactly("inner", "middle", "outer");
        }
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
