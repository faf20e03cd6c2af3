package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** The learning-rate finder on the spirals MLP: a sane suggestion, a rising sweep, weights untouched. */
class LearningRateFinderTest {

    private static NetNode net() {
        return Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 3), Layer.of("Softmax"));
    }

    @Test
    void theSweepRisesExponentiallyFromTheFirstRateAndSuggestsASaneRate() {
        ExampleTable data = ExampleTable.of(GeneratedDatasets.spirals(3, 300, 0.05, 7));
        List<LearningRateFinder.Point> seen = new ArrayList<>();
        LearningRateFinder.Result r = LearningRateFinder.find(net(), null, data, DataMapping.AUTOMATIC,
                TrainingOptions.builder().batchSize(16).seed(1).build(), seen::add);

        assertThat(seen).isEqualTo(r.points());
        assertThat(r.points().get(0).rate()).isEqualTo(LearningRateFinder.FROM);
        assertThat(r.points()).hasSizeBetween(30, LearningRateFinder.STEPS);
        for (int i = 1; i < r.points().size(); i++) {
            assertThat(r.points().get(i).rate()).isGreaterThan(r.points().get(i - 1).rate());
        }
        // Adam trains this net well from 1e-3 to 3e-2 (TrainingOptions' defaults are measured there).
        assertThat(r.suggestion()).isBetween(1e-4, 1e-1);
        assertThat(r.suggestion()).isEqualTo(r.minimumRate() / 10);
        // Either the loss exploded or every rate up to TO was tried.
        assertThat(r.exploded() || r.points().size() == LearningRateFinder.STEPS).isTrue();
    }

    @Test
    void theWeightsTheFinderStartsFromAreNotChanged() {
        ExampleTable data = ExampleTable.of(GeneratedDatasets.spirals(3, 100, 0.05, 7));
        TrainingOptions options = TrainingOptions.builder().batchSize(16).maxEpochs(1).seed(1).build();
        Weights start = NetTrain.prepare(net(), null, GeneratedDatasets.spirals(3, 100, 0.05, 7), options).run().weights();
        Weights copy = Weights.of(start.arrays().values(), start.metadata());

        LearningRateFinder.find(net(), start, data, DataMapping.AUTOMATIC, options, null);

        assertThat(start).isEqualTo(copy);
    }

    @Test
    void theSuggestionIsADecadeBelowTheMinimumOfTheSmoothedLoss() {
        List<LearningRateFinder.Point> curve = List.of(new LearningRateFinder.Point(1e-4, 2, 2),
                new LearningRateFinder.Point(1e-3, 1.5, 1.5), new LearningRateFinder.Point(1e-2, 0.5, 0.5),
                new LearningRateFinder.Point(1e-1, 0.4, 0.4), new LearningRateFinder.Point(1, 3, 3));
        LearningRateFinder.Result r = LearningRateFinder.analyse(curve, true);
        assertThat(r.minimumRate()).isEqualTo(1e-1);
        assertThat(r.suggestion()).isCloseTo(1e-2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.steepestRate()).isEqualTo(1e-2);
    }
}
