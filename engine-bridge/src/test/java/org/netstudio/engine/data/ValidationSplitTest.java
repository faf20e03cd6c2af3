package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class ValidationSplitTest {

    @Test
    void holdsBackTheRoundedShareInAscendingOrderAndTrainsOnTheRest() {
        ValidationSplit split = ValidationSplit.of(900, 0.2, 1);

        assertThat(split.validationCount()).isEqualTo(180);
        assertThat(split.trainingCount()).isEqualTo(720);
        assertThat(split.validation()).isSorted().doesNotHaveDuplicates();
        assertThat(split.training()).isSorted().doesNotHaveDuplicates().doesNotContain(split.validation());
        assertThat(IntStream.concat(IntStream.of(split.training()), IntStream.of(split.validation())).sorted().toArray())
                .isEqualTo(IntStream.range(0, 900).toArray());
    }

    @Test
    void theSameSeedHoldsBackTheSameExamplesAndAnotherSeedOthers() {
        assertThat(ValidationSplit.of(500, 0.1, 3).validation()).isEqualTo(ValidationSplit.of(500, 0.1, 3).validation());
        assertThat(ValidationSplit.of(500, 0.1, 4).validation()).isNotEqualTo(ValidationSplit.of(500, 0.1, 3).validation());
    }

    @Test
    void bothPartsKeepAnExampleAndNothingIsHeldBackWithoutAShareOrWithOneExample() {
        assertThat(ValidationSplit.validationCount(10, 0.01)).as("rounds to 0, keeps 1").isEqualTo(1);
        assertThat(ValidationSplit.validationCount(10, 0.99)).as("keeps one to train").isEqualTo(9);
        assertThat(ValidationSplit.validationCount(10, 0)).isZero();
        assertThat(ValidationSplit.validationCount(1, 0.5)).isZero();
        assertThat(ValidationSplit.of(0, 0.5, 1).trainingCount()).isZero();
        assertThatThrownBy(() -> ValidationSplit.validationCount(10, 1))
                .hasMessage("The validation fraction must be at least 0 and less than 1, but was 1.0");
    }

    @Test
    void itsPartsOfADatasetAreNamedAndSizedAndRefuseAnotherDataset() {
        MemoryDataset moons = GeneratedDatasets.moons(100, 0.1, 7);
        ValidationSplit split = ValidationSplit.of(moons, 0.25, 0);

        assertThat(split.validationPart(moons).size()).isEqualTo(25);
        assertThat(split.validationPart(moons).name()).isEqualTo("Moons (validation)");
        assertThat(split.trainingPart(moons).name()).isEqualTo("Moons (training)");
        assertThat(split.validationPart(moons).features(0)).isEqualTo(moons.features(split.validation()[0]));
        assertThat(ValidationSplit.of(moons, 0, 0).validationPart(moons)).isNull();
        assertThat(ValidationSplit.of(moons, 0, 0).trainingPart(moons)).isSameAs(moons);
        assertThatThrownBy(() -> split.trainingPart(GeneratedDatasets.moons(99, 0.1, 7)))
                .hasMessage("This split is of 100 examples, but 'Moons' has 99");
    }

    /**
     * The training run's own split and this one agree: training with a validation share, and with
     * the parts this split makes, is the same run to the last digit.
     */
    @Test
    void trainingOnItsPartsIsTheSameRunAsTrainingWithTheValidationShare() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 16), Layer.of("Ramp"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax"));
        MemoryDataset spirals = GeneratedDatasets.spirals(3, 100, 0.05, 7);
        TrainingOptions options = TrainingOptions.builder().maxEpochs(3).validationFraction(0.3).seed(5).build();
        ValidationSplit split = ValidationSplit.of(spirals, 0.3, 5);

        List<EpochMetrics> byShare = NetTrain.train(net, spirals, options, null).result().history();
        List<EpochMetrics> byParts = NetTrain.train(net, split.trainingPart(spirals), options.toBuilder()
                .validationFraction(0).validationSet(split.validationPart(spirals)).build(), null).result().history();

        assertThat(byParts.stream().map(EpochMetrics::validation).toList())
                .isEqualTo(byShare.stream().map(EpochMetrics::validation).toList());
        assertThat(byParts.stream().map(EpochMetrics::training).toList())
                .isEqualTo(byShare.stream().map(EpochMetrics::training).toList());
        assertThat(byShare.get(0).validation().orElseThrow().examples()).isEqualTo(90);
    }
}
