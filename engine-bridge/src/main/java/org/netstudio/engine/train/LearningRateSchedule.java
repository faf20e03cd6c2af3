package org.netstudio.engine.train;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How the learning rate changes during training, as a multiple of the base rate. Immutable.
 *
 * <p>Each schedule has a text form, the one the command line's {@code --schedule} and the trainer
 * panel use: {@code constant}, {@code step:EVERY:FACTOR}, {@code cosine} (or {@code cosine:FINAL}),
 * {@code one-cycle}; {@code --warmup N} puts a {@link WarmUp} in front of any of them.
 */
public sealed interface LearningRateSchedule
        permits LearningRateSchedule.Constant, LearningRateSchedule.Step, LearningRateSchedule.Cosine,
                LearningRateSchedule.OneCycle, LearningRateSchedule.WarmUp, LearningRateSchedule.Exponential {

    /** The text forms {@link #parse} reads, for help texts and messages. */
    String FORMS = "constant, step:EVERY:FACTOR (e.g. step:10:0.5), cosine, one-cycle";

    /**
     * The learning rate for one update.
     *
     * @param base the base learning rate
     * @param epoch the current epoch, from 0
     * @param step the number of updates done before this one, from 0
     * @param totalSteps the number of updates the whole run would make
     * @return the learning rate to use
     */
    double rate(double base, int epoch, long step, long totalSteps);

    /**
     * The momentum (SGD's momentum, Adam's β₁) for one update, or empty to keep the optimiser's own.
     * Only {@link OneCycle} moves it.
     */
    default OptionalDouble momentum(long step, long totalSteps) {
        return OptionalDouble.empty();
    }

    /** The text form, which {@link #parse} reads back. */
    String text();

    /** The same rate throughout. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /**
     * The rate multiplied by {@code factor} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs epochs between decays, at least 1
     * @param factor the multiplier, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule step(int everyEpochs, double factor) {
        return new Step(everyEpochs, factor);
    }

    /**
     * Cosine annealing from the base rate down to {@code base × finalFactor} over the whole run.
     *
     * @param finalFactor the fraction of the base rate reached at the end, in [0, 1]
     * @return the schedule
     */
    static LearningRateSchedule cosine(double finalFactor) {
        return new Cosine(finalFactor);
    }

    /** fastai's {@code fit_one_cycle} with its defaults; the base rate is the peak. */
    static LearningRateSchedule oneCycle() {
        return new OneCycle(OneCycle.DEFAULT_WARM_FRACTION, OneCycle.DEFAULT_START_DIVISOR, OneCycle.DEFAULT_END_DIVISOR);
    }

    /**
     * A linear warm-up over the first {@code steps} updates in front of {@code then}.
     *
     * @param steps updates of warm-up, at least 1
     * @param then the schedule after it, not itself a warm-up
     * @return the schedule
     */
    static LearningRateSchedule warmUp(int steps, LearningRateSchedule then) {
        return new WarmUp(steps, then);
    }

    /**
     * Reads a schedule's text form.
     *
     * @param text e.g. {@code "cosine"} or {@code "step:10:0.5"}
     * @return the schedule
     * @throws IllegalArgumentException quoting the text and the forms there are
     */
    static LearningRateSchedule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":", -1);
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return constant();
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return step(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
                    }
                    break;
                case "cosine":
                    if (parts.length <= 2) {
                        return cosine(parts.length == 1 ? 0 : Double.parseDouble(parts[1]));
                    }
                    break;
                case "one-cycle":
                case "onecycle":
                    if (parts.length == 1) {
                        return oneCycle();
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The schedule '" + text + "' has a number that is not one; the"
                    + " schedules are " + FORMS);
        }
        throw new IllegalArgumentException("There is no schedule '" + text + "'; the schedules are " + FORMS);
    }

    /** The same rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            return base;
        }

        @Override
        public String text() {
            return "constant";
        }
    }

    /**
     * Step decay.
     *
     * @param everyEpochs epochs between decays, at least 1
     * @param factor the multiplier, in (0, 1]
     */
    record Step(int everyEpochs, double factor) implements LearningRateSchedule {
        /** Validates the parameters. */
        public Step {
            if (everyEpochs < 1) {
                throw new IllegalArgumentException("A step schedule decays every 1 or more epochs, but was " + everyEpochs);
            }
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("A step schedule's factor must be in (0, 1], but was " + factor);
            }
        }

        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            return base * Math.pow(factor, epoch / everyEpochs);
        }

        @Override
        public String text() {
            return "step:" + everyEpochs + ":" + factor;
        }
    }

    /**
     * Cosine annealing.
     *
     * @param finalFactor the fraction of the base rate reached at the end, in [0, 1]
     */
    record Cosine(double finalFactor) implements LearningRateSchedule {
        /** Validates the parameter. */
        public Cosine {
            if (!(finalFactor >= 0 && finalFactor <= 1)) {
                throw new IllegalArgumentException("A cosine schedule's final factor must be in [0, 1], but was "
                        + finalFactor);
            }
        }

        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            return anneal(base, base * finalFactor, progress(step, totalSteps));
        }

        @Override
        public String text() {
            return finalFactor == 0 ? "cosine" : "cosine:" + finalFactor;
        }
    }

    /**
     * fastai's one-cycle policy ({@code fit_one_cycle}): over the first {@code warmFraction} of the
     * updates the rate rises from {@code base / startDivisor} to the base rate along half a cosine,
     * then falls along half a cosine to {@code base / startDivisor / endDivisor}. The momentum moves
     * the other way, from 0.95 down to 0.85 at the peak rate and back to 0.95 (SGD's momentum, Adam's
     * β₁; RMSProp and AdaGrad have none), as fastai does.
     *
     * @param warmFraction the share of the updates spent rising, in (0, 1)
     * @param startDivisor the first rate is the base divided by this, at least 1
     * @param endDivisor the last rate is the first divided by this, at least 1
     */
    record OneCycle(double warmFraction, double startDivisor, double endDivisor) implements LearningRateSchedule {
        /** fastai's {@code pct_start}. */
        public static final double DEFAULT_WARM_FRACTION = 0.25;
        /** fastai's {@code div}. */
        public static final double DEFAULT_START_DIVISOR = 25;
        /** fastai's {@code div_final}. */
        public static final double DEFAULT_END_DIVISOR = 1e5;
        /** The momentum at the start and end of the cycle. */
        public static final double HIGH_MOMENTUM = 0.95;
        /** The momentum at the peak rate. */
        public static final double LOW_MOMENTUM = 0.85;

        /** Validates the parameters. */
        public OneCycle {
            if (!(warmFraction > 0 && warmFraction < 1)) {
                throw new IllegalArgumentException("A one-cycle schedule's warm-up share must be in (0, 1), but was "
                        + warmFraction);
            }
            if (!(startDivisor >= 1) || !(endDivisor >= 1)) {
                throw new IllegalArgumentException("A one-cycle schedule's divisors must be 1 or more, but were "
                        + startDivisor + " and " + endDivisor);
            }
        }

        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            double p = progress(step, totalSteps);
            double start = base / startDivisor;
            return p < warmFraction ? anneal(start, base, p / warmFraction)
                    : anneal(base, start / endDivisor, (p - warmFraction) / (1 - warmFraction));
        }

        @Override
        public OptionalDouble momentum(long step, long totalSteps) {
            double p = progress(step, totalSteps);
            return OptionalDouble.of(p < warmFraction ? anneal(HIGH_MOMENTUM, LOW_MOMENTUM, p / warmFraction)
                    : anneal(LOW_MOMENTUM, HIGH_MOMENTUM, (p - warmFraction) / (1 - warmFraction)));
        }

        @Override
        public String text() {
            return "one-cycle";
        }
    }

    /**
     * A linear warm-up: update {@code i} (from 0) of the first {@code steps} uses {@code (i+1)/steps}
     * of what {@code then} gives at its start; afterwards {@code then} runs over the remaining updates
     * as if they were the whole run.
     *
     * @param steps updates of warm-up, at least 1
     * @param then the schedule after it, not null and not a warm-up
     */
    record WarmUp(int steps, LearningRateSchedule then) implements LearningRateSchedule {
        /** Validates the parameters. */
        public WarmUp {
            if (steps < 1) {
                throw new IllegalArgumentException("A warm-up lasts 1 or more updates, but was " + steps);
            }
            java.util.Objects.requireNonNull(then, "then");
            if (then instanceof WarmUp) {
                throw new IllegalArgumentException("A warm-up goes in front of another schedule, not of a warm-up");
            }
        }

        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            long rest = Math.max(1, totalSteps - steps);
            if (step < steps) {
                return then.rate(base, 0, 0, rest) * (step + 1) / steps;
            }
            return then.rate(base, epoch, step - steps, rest);
        }

        @Override
        public OptionalDouble momentum(long step, long totalSteps) {
            return then.momentum(Math.max(0, step - steps), Math.max(1, totalSteps - steps));
        }

        @Override
        public String text() {
            return then.text();
        }
    }

    /**
     * The learning-rate finder's sweep: the rate rises exponentially from {@code from} at the first
     * update to {@code to} at update {@code steps − 1} (and on beyond it), whatever the base rate.
     *
     * @param from the first rate, positive
     * @param to the rate at update {@code steps − 1}, above {@code from}
     * @param steps updates of the sweep, at least 2
     */
    record Exponential(double from, double to, int steps) implements LearningRateSchedule {
        /** Validates the parameters. */
        public Exponential {
            if (!(from > 0 && to > from && Double.isFinite(to)) || steps < 2) {
                throw new IllegalArgumentException("An exponential sweep rises from a positive rate to a higher one over"
                        + " 2 or more updates, but was " + from + " to " + to + " over " + steps);
            }
        }

        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            return from * Math.pow(to / from, (double) step / (steps - 1));
        }

        @Override
        public String text() {
            return "exponential:" + from + ":" + to + ":" + steps;
        }
    }

    /** How far through the run an update is: 0 at the first, 1 at the last. */
    private static double progress(long step, long totalSteps) {
        return totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
    }

    /** Half a cosine from {@code from} (at 0) to {@code to} (at 1). */
    private static double anneal(double from, double to, double progress) {
        return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
