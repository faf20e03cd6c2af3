package org.netstudio.trainer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;

class OptionsFormTest {

    private final OptionsForm form = new OptionsForm();

    @Test
    void theDefaultsAreValidAndBuildEngineOptions() {
        form.optimizerProperty().set(OptimizerKind.RMSPROP);
        form.learningRate().textProperty().set("0.003");
        form.batchSize().textProperty().set("16");
        form.epochs().textProperty().set("7");
        form.patience().textProperty().set("2");
        form.seed().textProperty().set("42");
        assertThat(form.valid().get()).isTrue();
        // The rest as a new form has it (see aNewFormShowsTheEngineDefaults).
        assertThat(form.toOptions()).isEqualTo(TrainingOptions.defaults().toBuilder().validationFraction(0)
                .optimizer(OptimizerKind.RMSPROP).learningRate(0.003).batchSize(16).maxEpochs(7)
                .earlyStoppingPatience(2).seed(42).build());
    }

    @Test
    void aNewFormShowsTheEngineDefaults() {
        TrainingOptions defaults = TrainingOptions.defaults();
        assertThat(form.toOptions()).isEqualTo(defaults.toBuilder().validationFraction(0).build());
        assertThat(form.validationFraction().value()).contains(defaults.validationFraction());
        assertThat(form.learningRate().textProperty().get()).isEqualTo("0.003");
        assertThat(form.epochs().textProperty().get()).isEqualTo("20");
    }

    @Test
    void theLearningRateFollowsTheOptimizerUntilThePersonTypesOne() {
        form.optimizerProperty().set(OptimizerKind.SGD_MOMENTUM);
        assertThat(form.learningRate().value()).contains(OptimizerKind.SGD_MOMENTUM.defaultLearningRate());

        form.learningRate().textProperty().set("0.1");
        form.optimizerProperty().set(OptimizerKind.ADAM);
        assertThat(form.learningRate().value()).contains(0.1);
    }

    @Test
    void classWeightsAreTypedAsTheCommandLineTakesThem() {
        assertThat(form.classWeights().textProperty().get()).isEqualTo("none");
        form.classWeights().textProperty().set("balanced");
        assertThat(form.toOptions().classWeights()).isEqualTo(org.netstudio.engine.train.ClassWeights.BALANCED);
        form.classWeights().textProperty().set("1, 4, x");
        assertThat(form.valid().get()).isFalse();
        assertThat(form.firstProblem()).endsWith("'x' is not a number");
        form.classWeights().textProperty().set("1, 4, 1");
        assertThat(form.toOptions().classWeights().text()).isEqualTo("1,4,1");
    }

    @Test
    void aNegativeLearningRateIsExplained() {
        form.learningRate().textProperty().set("-0.5");
        assertThat(form.learningRate().messageProperty().get())
                .isEqualTo("The learning rate must be more than 0 and at most 10, but was -0.5");
        assertThat(form.valid().get()).isFalse();
        assertThat(form.firstProblem()).startsWith("The learning rate");
        assertThatThrownBy(form::toOptions).hasMessageContaining("learning rate");
    }

    @Test
    void textThatIsNoNumberIsQuoted() {
        assertTypedSays(form.learningRate(), "fast", "The learning rate must be a number, but was \"fast\"");
        assertTypedSays(form.batchSize(), "2.5", "The batch size must be a whole number, but was \"2.5\"");
        assertTypedSays(form.epochs(), "0", "The number of epochs must be between 1 and 100000, but was 0");
        assertTypedSays(form.validationFraction(), "1",
                "The validation fraction must be at least 0 and at most 0.9, but was 1");
    }

    private static void assertTypedSays(OptionField field, String typed, String message) {
        field.textProperty().set(typed);
        assertThat(field.messageProperty().get()).isEqualTo(message);
    }

    @Test
    void fixingTheFieldClearsTheMessage() {
        form.learningRate().textProperty().set("0");
        assertThat(form.valid().get()).isFalse();
        form.learningRate().textProperty().set(" 0.02 ");
        assertThat(form.learningRate().messageProperty().get()).isEmpty();
        assertThat(form.valid().get()).isTrue();
        assertThat(form.toOptions().learningRate()).isEqualTo(0.02);
    }

    @Test
    void theScheduleAndWarmUpReachTheEngineInTheCommandLinesWords() {
        assertThat(form.schedule().textProperty().get()).isEqualTo("constant");
        form.schedule().textProperty().set("one-cycle");
        form.warmup().textProperty().set("50");
        assertThat(form.toOptions().schedule()).isEqualTo(org.netstudio.engine.train.LearningRateSchedule.warmUp(50,
                org.netstudio.engine.train.LearningRateSchedule.oneCycle()));
        form.warmup().textProperty().set("0");
        form.schedule().textProperty().set("step:5:0.5");
        assertThat(form.toOptions().schedule()).isEqualTo(org.netstudio.engine.train.LearningRateSchedule.step(5, 0.5));
        form.schedule().textProperty().set("linear");
        assertThat(form.valid().get()).isFalse();
        assertThat(form.firstProblem()).isEqualTo("There is no schedule 'linear'; the schedules are constant,"
                + " step:EVERY:FACTOR (e.g. step:10:0.5), cosine, one-cycle");
        assertThat(OptionsForm.scheduleChoices()).containsExactly("constant", "step:10:0.5", "cosine", "one-cycle");
    }
}
