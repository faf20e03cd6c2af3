package org.netstudio.engine.train;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Notices a training that diverges: its loss grows by orders of magnitude over its early value
 * instead of falling (a learning rate far too high, say), while staying finite so that the run
 * itself does not fail. Add it to a run as a listener; it warns once, through the callback, and
 * never stops the run (a listener may, with {@link TrainingLoop#stop()}).
 *
 * <p>The early value is the loss of the run's first batch, computed before any update, so it is
 * the loss of the starting weights. The loss compared with it is an exponential average of the
 * batch losses (one batch in ten), so one odd batch does not warn. A warning comes when the
 * average exceeds {@code factor} times the early value; the early value counts as at least
 * {@value #SMALLEST_EARLY_LOSS}, so a fine-tuning that starts at a loss near zero does not warn
 * on ordinary noise.
 *
 * <p>Called on the training thread like every listener; {@link #warning()} may be read from any.
 */
public final class DivergenceWatch implements TrainingListener {

    /** The default growth that counts as diverging: three orders of magnitude. */
    public static final double DEFAULT_FACTOR = 1000;

    /** The early loss never counts as smaller than this. */
    public static final double SMALLEST_EARLY_LOSS = 1e-3;

    /**
     * What the watch noticed.
     *
     * @param epoch     the epoch of the batch that crossed the line, from 1
     * @param batch     the batch within its epoch, from 1
     * @param earlyLoss the first batch's loss
     * @param loss      the averaged loss when it crossed the line
     */
    public record Warning(int epoch, int batch, double earlyLoss, double loss) {

        /** How many times larger the loss became. */
        public double growth() {
            return loss / Math.max(earlyLoss, SMALLEST_EARLY_LOSS);
        }

        /**
         * For people: "The loss grew from 1.10 at the start to 4.21e+06 by epoch 1, batch 7 (3.8e+06
         * times larger): training is diverging; try a lower learning rate".
         */
        public String message() {
            return String.format(Locale.ROOT, "The loss grew from %s at the start to %s by epoch %d, batch %d (%s times"
                    + " larger): training is diverging; try a lower learning rate", number(earlyLoss), number(loss),
                    epoch, batch, number(growth()));
        }

        private static String number(double x) {
            return Math.abs(x) >= 1e4 || (x != 0 && Math.abs(x) < 1e-2) ? String.format(Locale.ROOT, "%.3g", x)
                    : String.format(Locale.ROOT, "%.2f", x);
        }
    }

    private final double factor;
    private final Consumer<Warning> onWarning;
    private double earlyLoss = Double.NaN;
    private double average = Double.NaN;
    private volatile Warning warning;

    /**
     * A watch that warns at {@link #DEFAULT_FACTOR} times the early loss.
     *
     * @param onWarning called once, on the training thread, when the loss diverges
     */
    public DivergenceWatch(Consumer<Warning> onWarning) {
        this(DEFAULT_FACTOR, onWarning);
    }

    /**
     * A watch with its own threshold.
     *
     * @param factor    how many times the early loss counts as diverging; more than 1
     * @param onWarning called once, on the training thread, when the loss diverges
     */
    public DivergenceWatch(double factor, Consumer<Warning> onWarning) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("The factor must be a number above 1, but was " + factor);
        }
        this.factor = factor;
        this.onWarning = Objects.requireNonNull(onWarning, "onWarning");
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (!(event instanceof TrainingEvent.BatchEnded b) || warning != null || !Double.isFinite(b.loss())) {
            // A NaN or infinite loss fails the run by itself, with its own message.
            return;
        }
        if (Double.isNaN(earlyLoss)) {
            earlyLoss = b.loss();
            average = b.loss();
            return;
        }
        average = 0.9 * average + 0.1 * b.loss();
        if (average > factor * Math.max(earlyLoss, SMALLEST_EARLY_LOSS)) {
            Warning w = new Warning(b.epoch(), b.batch(), earlyLoss, average);
            warning = w;
            onWarning.accept(w);
        }
    }

    /** The warning given, if any. */
    public Optional<Warning> warning() {
        return Optional.ofNullable(warning);
    }
}
