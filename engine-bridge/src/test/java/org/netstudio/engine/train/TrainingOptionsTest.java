package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.device.DeviceSpec;

class TrainingOptionsTest {

    @Test
    void defaultsAreTheOneSetAndTheRateFollowsTheOptimizer() {
        TrainingOptions adam = TrainingOptions.defaults();
        assertThat(adam.optimizer()).isEqualTo(OptimizerKind.ADAM);
        assertThat(adam.learningRate()).isEqualTo(0.003);
        assertThat(adam.batchSize()).isEqualTo(32);
        assertThat(adam.maxEpochs()).isEqualTo(20);
        assertThat(adam.validationFraction()).isEqualTo(0.2);
        assertThat(adam.seed()).isZero();
        assertThat(adam.earlyStoppingPatience()).isZero();
        assertThat(adam.device()).isEqualTo(DeviceSpec.CPU);
        assertThat(adam.loss()).isEqualTo(LossKind.AUTOMATIC);
        assertThat(TrainingOptions.builder().optimizer(OptimizerKind.SGD_MOMENTUM).build().learningRate()).isEqualTo(0.03);
        assertThat(TrainingOptions.builder().optimizer(OptimizerKind.RMSPROP).build().learningRate()).isEqualTo(0.003);
        assertThat(TrainingOptions.builder().optimizer(OptimizerKind.ADAGRAD).build().learningRate()).isEqualTo(0.03);
        assertThat(TrainingOptions.builder().optimizer(OptimizerKind.ADAGRAD).learningRate(0.5).build().learningRate())
                .isEqualTo(0.5);
    }

    @Test
    void optimizersHaveTheNamesTheCommandLineTakes() {
        assertThat(OptimizerKind.named(" SGD ")).contains(OptimizerKind.SGD_MOMENTUM);
        assertThat(OptimizerKind.named(TrainingOptions.DEFAULT_OPTIMIZER)).contains(OptimizerKind.ADAM);
        assertThat(OptimizerKind.named("lion")).isEmpty();
        assertThat(java.util.Arrays.stream(OptimizerKind.values()).map(OptimizerKind::id))
                .containsExactly("adam", "sgd", "rmsprop", "adagrad");
    }

    @Test
    void invalidValuesAreQuotedInTheMessage() {
        rejects(b -> b.batchSize(0), "The batch size must be at least 1, but was 0");
        rejects(b -> b.learningRate(-1), "The learning rate must be a positive number, but was -1.0");
        rejects(b -> b.maxEpochs(0), "The number of epochs must be at least 1, but was 0");
        rejects(b -> b.validationFraction(1), "The validation fraction must be at least 0 and less than 1, but was 1.0");
        rejects(b -> b.earlyStoppingPatience(-2), "The early-stopping patience must be 0 (off) or more, but was -2");
        rejects(b -> b.momentum(1), "The momentum must be at least 0 and less than 1, but was 1.0");
    }

    private static void rejects(UnaryOperator<TrainingOptions.Builder> setting, String message) {
        assertThatThrownBy(() -> setting.apply(TrainingOptions.builder()).build()).hasMessage(message);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        TrainingOptions options = TrainingOptions.builder().optimizer(OptimizerKind.RMSPROP).learningRate(0.2)
                .schedule(LearningRateSchedule.step(2, 0.5)).batchSize(7).maxEpochs(3).validationFraction(0.3)
                .earlyStoppingPatience(4).seed(9).loss(LossKind.MEAN_SQUARED).momentum(0.5).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void schedulesComputeTheRate() {
        assertThat(LearningRateSchedule.constant().rate(0.1, 5, 50, 100)).isEqualTo(0.1);
        LearningRateSchedule step = LearningRateSchedule.step(2, 0.5);
        assertThat(step.rate(1, 0, 0, 10)).isEqualTo(1);
        assertThat(step.rate(1, 1, 0, 10)).isEqualTo(1);
        assertThat(step.rate(1, 2, 0, 10)).isEqualTo(0.5);
        assertThat(step.rate(1, 5, 0, 10)).isEqualTo(0.25);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(0.1);
        assertThat(cosine.rate(1, 0, 0, 101)).isEqualTo(1);
        assertThat(cosine.rate(1, 0, 50, 101)).isCloseTo(0.55, within(1e-12));
        assertThat(cosine.rate(1, 0, 100, 101)).isCloseTo(0.1, within(1e-12));
        assertThatThrownBy(() -> LearningRateSchedule.step(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningRateSchedule.cosine(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void automaticLossFollowsTheTargets() {
        Targets classes = GeneratedDatasets.xor(4, 0, 1).targets();
        Targets values = GeneratedDatasets.linear(4, 1, 0, 1).dataset().targets();
        assertThat(LossKind.AUTOMATIC.resolve(classes)).isEqualTo(LossKind.CROSS_ENTROPY);
        assertThat(LossKind.AUTOMATIC.resolve(values)).isEqualTo(LossKind.MEAN_SQUARED);
        assertThat(LossKind.MEAN_SQUARED.resolve(classes)).isEqualTo(LossKind.MEAN_SQUARED);
        assertThatThrownBy(() -> LossKind.CROSS_ENTROPY.resolve(values)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learningRatesAreFormattedShortly() {
        assertThat(TrainingLoop.formatRate(10.0)).isEqualTo("10.0");
        assertThat(TrainingLoop.formatRate(0.001)).isEqualTo("0.001");
        assertThat(TrainingLoop.formatRate(0.000316227766)).isEqualTo("3.162E-4");
    }
}
