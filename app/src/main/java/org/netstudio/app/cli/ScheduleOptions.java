package org.netstudio.app.cli;

import org.netstudio.engine.train.LearningRateSchedule;
import picocli.CommandLine.Option;

/** {@code --schedule} and {@code --warmup} (a picocli mixin): how the learning rate changes during a run. */
final class ScheduleOptions {

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant",
            description = "How the learning rate changes: constant, step:EVERY:FACTOR (times FACTOR every EVERY epochs), "
                    + "cosine (annealed to 0), or one-cycle (fastai's fit_one_cycle: up from rate/25 to the rate in the "
                    + "first quarter, then down to almost 0; momentum moves the other way) (default ${DEFAULT-VALUE}).")
    private String schedule;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Raise the rate linearly over the first N updates (batches) in front of the schedule; 0 for "
                    + "none (default ${DEFAULT-VALUE}).")
    private int warmup;

    /**
     * The schedule these options ask for.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    LearningRateSchedule schedule() {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 (none) or more updates, but was " + warmup);
        }
        LearningRateSchedule s;
        try {
            s = LearningRateSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule " + schedule + ": " + e.getMessage());
        }
        return warmup == 0 ? s : LearningRateSchedule.warmUp(warmup, s);
    }
}
