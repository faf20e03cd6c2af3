package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The schedules' rates (and one-cycle's momentum) at the steps that define them, and their text forms. */
class LearningRateScheduleTest {

    private static final double BASE = 0.01;
    private static final long TOTAL = 101;

    @Test
    void oneCycleRisesFromATwentyFifthToThePeakAtAQuarterThenFallsFarBelowTheStart() {
        LearningRateSchedule s = LearningRateSchedule.oneCycle();
        assertThat(s.rate(BASE, 0, 0, TOTAL)).isCloseTo(BASE / 25, within(1e-12));
        assertThat(s.rate(BASE, 0, 25, TOTAL)).isCloseTo(BASE, within(1e-12));
        assertThat(s.rate(BASE, 0, 100, TOTAL)).isCloseTo(BASE / 25 / 1e5, within(1e-12));
        assertThat(s.rate(BASE, 0, 12, TOTAL)).isBetween(BASE / 25, BASE);
        assertThat(s.rate(BASE, 0, 60, TOTAL)).isLessThan(BASE).isGreaterThan(s.rate(BASE, 0, 90, TOTAL));
    }

    @Test
    void oneCycleMovesTheMomentumAgainstTheRate() {
        LearningRateSchedule s = LearningRateSchedule.oneCycle();
        assertThat(s.momentum(0, TOTAL)).hasValue(0.95);
        assertThat(s.momentum(25, TOTAL).getAsDouble()).isCloseTo(0.85, within(1e-12));
        assertThat(s.momentum(100, TOTAL).getAsDouble()).isCloseTo(0.95, within(1e-12));
        assertThat(LearningRateSchedule.cosine(0).momentum(5, TOTAL)).isEmpty();
    }

    @Test
    void aWarmUpRisesLinearlyToWhereTheNextScheduleStartsThenRunsItOverTheRest() {
        LearningRateSchedule s = LearningRateSchedule.warmUp(10, LearningRateSchedule.cosine(0));
        assertThat(s.rate(BASE, 0, 0, 110)).isCloseTo(BASE / 10, within(1e-12));
        assertThat(s.rate(BASE, 0, 4, 110)).isCloseTo(BASE / 2, within(1e-12));
        assertThat(s.rate(BASE, 0, 9, 110)).isCloseTo(BASE, within(1e-12));
        assertThat(s.rate(BASE, 0, 10, 110)).isCloseTo(BASE, within(1e-12));
        assertThat(s.rate(BASE, 0, 109, 110)).isCloseTo(0, within(1e-12));
        assertThat(LearningRateSchedule.warmUp(4, LearningRateSchedule.constant()).rate(BASE, 3, 500, 1000))
                .isEqualTo(BASE);
    }

    @Test
    void theTextFormsReadBackAsTheSchedules() {
        assertThat(LearningRateSchedule.parse("constant")).isEqualTo(LearningRateSchedule.constant());
        assertThat(LearningRateSchedule.parse("step:10:0.5")).isEqualTo(LearningRateSchedule.step(10, 0.5));
        assertThat(LearningRateSchedule.parse("Cosine")).isEqualTo(LearningRateSchedule.cosine(0));
        assertThat(LearningRateSchedule.parse("one-cycle")).isEqualTo(LearningRateSchedule.oneCycle());
        for (String text : new String[] {"constant", "step:3:0.1", "cosine", "cosine:0.01", "one-cycle"}) {
            assertThat(LearningRateSchedule.parse(text).text()).isEqualTo(text);
        }
    }

    @Test
    void anUnknownOrMalformedScheduleIsNamedWithTheFormsThereAre() {
        assertThatThrownBy(() -> LearningRateSchedule.parse("linear")).hasMessage("There is no schedule 'linear';"
                + " the schedules are constant, step:EVERY:FACTOR (e.g. step:10:0.5), cosine, one-cycle");
        assertThatThrownBy(() -> LearningRateSchedule.parse("step:ten:0.5"))
                .hasMessageStartingWith("The schedule 'step:ten:0.5' has a number that is not one");
        assertThatThrownBy(() -> LearningRateSchedule.parse("step:10:2"))
                .hasMessage("A step schedule's factor must be in (0, 1], but was 2.0");
        assertThatThrownBy(() -> LearningRateSchedule.warmUp(0, LearningRateSchedule.constant()))
                .hasMessage("A warm-up lasts 1 or more updates, but was 0");
    }
}
