package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** A loss that grows by orders of magnitude is noticed, once; an ordinary training is not (issue 15). */
class DivergenceWatchTest {

    private static TrainingEvent.BatchEnded batch(int epoch, int batch, double loss) {
        return new TrainingEvent.BatchEnded(epoch, batch, 10, 3, loss, OptionalDouble.empty(), 32, 0.01, 32L * batch);
    }

    @Test
    void aLossThatGrowsAThousandfoldWarnsOnceNamingTheBatch() {
        List<DivergenceWatch.Warning> warnings = new CopyOnWriteArrayList<>();
        DivergenceWatch watch = new DivergenceWatch(warnings::add);

        watch.onEvent(batch(1, 1, 1.1));
        watch.onEvent(batch(1, 2, 2.0e5));
        watch.onEvent(batch(1, 3, 7.6e8));

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.epoch()).isEqualTo(1);
            assertThat(w.batch()).isEqualTo(2);
            assertThat(w.message()).isEqualTo("The loss grew from 1.10 at the start to 2.00e+04 by epoch 1, batch 2"
                    + " (1.82e+04 times larger): training is diverging; try a lower learning rate");
        });
        assertThat(watch.warning()).contains(warnings.get(0));
    }

    @Test
    void oneOddBatchOrASlowRiseIsNotDivergence() {
        DivergenceWatch watch = new DivergenceWatch(w -> { });

        watch.onEvent(batch(1, 1, 2.3));
        watch.onEvent(batch(1, 2, 5000));
        for (int i = 3; i <= 40; i++) {
            watch.onEvent(batch(1, i, 2.3 * (1 + i / 10.0)));
        }

        assertThat(watch.warning()).isEmpty();
    }

    @Test
    void aFineTuningStartingNearZeroLossDoesNotWarnOnNoise() {
        DivergenceWatch watch = new DivergenceWatch(w -> { });

        watch.onEvent(batch(1, 1, 1e-6));
        for (int i = 2; i <= 30; i++) {
            watch.onEvent(batch(1, i, 0.05));
        }

        assertThat(watch.warning()).isEmpty();
    }

    @Test
    void trainingSpiralsWithALearningRateOfAMillionIsNoticed() {
        DivergenceWatch watch = new DivergenceWatch(w -> { });

        TrainedNet trained = trainSpirals(1e6, 2, watch);

        assertThat(trained.result().failed()).as("the loss stays finite: the run itself does not fail").isFalse();
        assertThat(watch.warning()).isPresent();
        assertThat(watch.warning().get().epoch()).isEqualTo(1);
    }

    @Test
    void anOrdinaryTrainingIsNotNoticed() {
        DivergenceWatch watch = new DivergenceWatch(w -> { });

        trainSpirals(0.01, 5, watch);

        assertThat(watch.warning()).isEmpty();
    }

    /** Trains a small MLP on three spirals at the given learning rate, the watch listening. */
    private static TrainedNet trainSpirals(double learningRate, int epochs, DivergenceWatch watch) {
        Chain net = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 16), Layer.of("Tanh"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax"));
        TrainingOptions options = TrainingOptions.builder().learningRate(learningRate).batchSize(32).maxEpochs(epochs)
                .validationFraction(0.1).seed(1).build();
        return NetTrain.train(net, GeneratedDatasets.spirals(3, 300, 0.05, 7), options, watch);
    }
}
