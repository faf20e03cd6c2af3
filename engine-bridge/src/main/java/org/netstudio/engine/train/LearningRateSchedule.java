package org.netstudio.engine.train;

/**
 * How the learning rate changes during training, as a multiple of the base rate. Immutable.
 */
public sealed interface LearningRateSchedule
        permits LearningRateSchedule.Constant, LearningRateSchedule.Step, LearningRateSchedule.Cosine {

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

    /** The same rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch, long step, long totalSteps) {
            return base;
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
            double progress = totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
            double floor = base * finalFactor;
            return floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    }
}
