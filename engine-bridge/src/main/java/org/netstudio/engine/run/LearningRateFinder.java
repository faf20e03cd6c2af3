package org.netstudio.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * The learning-rate finder, after fastai's {@code lr_find}: a short training whose rate rises
 * exponentially from {@value #FROM} to {@value #TO} over {@value #STEPS} batches, recording the
 * loss of each batch, smoothed; it stops early once the smoothed loss exceeds
 * {@value #EXPLOSION} times its minimum (or becomes NaN). The net's weights are not changed: the
 * finder trains a copy made from {@code initial} and throws it away.
 *
 * <p><b>The suggestion</b> is the rate at the minimum of the smoothed loss divided by 10: there the
 * loss still falls fast, one decade short of where it stops falling. The steepest descent (the most
 * negative slope of the smoothed loss against log rate) is reported too, but not suggested: on a
 * run of 100 noisy batches its location jumps from one seed to the next, often to the first few
 * batches where the smoothing is still settling, whereas the minimum is stable. Stateless.
 */
public final class LearningRateFinder {

    /** The first rate tried. */
    public static final double FROM = 1e-7;
    /** The last rate tried. */
    public static final double TO = 10;
    /** Batches from the first rate to the last. */
    public static final int STEPS = 100;
    /** The run stops once the smoothed loss is this many times its minimum. */
    public static final double EXPLOSION = 4;
    /** The weight of the past in the smoothed loss (an exponential moving average, bias-corrected). */
    public static final double SMOOTHING = 0.98;

    private LearningRateFinder() {
    }

    /**
     * One batch of the sweep.
     *
     * @param rate the learning rate of the batch
     * @param loss its loss
     * @param smoothed the smoothed loss up to it
     */
    public record Point(double rate, double loss, double smoothed) {
    }

    /**
     * What the finder found.
     *
     * @param points the batches, in order of rising rate
     * @param suggestion the suggested learning rate (the minimum's rate / 10), or NaN with fewer than 2 points
     * @param minimumRate the rate where the smoothed loss is lowest
     * @param steepestRate the rate where the smoothed loss falls fastest against log rate
     * @param exploded whether the run stopped because the loss exploded (else it tried every rate)
     */
    public record Result(List<Point> points, double suggestion, double minimumRate, double steepestRate,
                         boolean exploded) {
        /** Copies the points. */
        public Result {
            points = List.copyOf(points);
        }
    }

    /**
     * Runs the finder on the calling thread.
     *
     * @param net the net, valid
     * @param initial the weights to start from (they are not changed), or null for the seeded ones
     * @param data the training data; every example may be used (no validation share is held out)
     * @param mapping which columns feed which ports
     * @param options the options: optimiser, batch size, seed, device and multipliers are used; the
     *     rate, schedule, epochs and validation are the finder's
     * @param progress receives each point as it is measured (on this thread), or null
     * @return the curve and the suggestion
     * @throws IllegalArgumentException when the net, data and options do not fit together
     */
    public static Result find(NetNode net, Weights initial, ExampleTable data, DataMapping mapping,
                              TrainingOptions options, Consumer<Point> progress) {
        Objects.requireNonNull(options, "options");
        int batchesPerEpoch = (data.size() + options.batchSize() - 1) / options.batchSize();
        TrainingOptions sweep = options.toBuilder().learningRate(FROM)
                .schedule(new LearningRateSchedule.Exponential(FROM, TO, STEPS))
                .maxEpochs(Math.max(1, (STEPS + batchesPerEpoch - 1) / batchesPerEpoch)).validationFraction(0)
                .validationSet(null).earlyStoppingPatience(0).checkpointFolder(null).resumeFrom(null).build();
        PreparedTraining training = NetTrain.prepare(net, initial, data, null, mapping, sweep);
        List<Point> points = new ArrayList<>();
        boolean[] exploded = new boolean[1];
        double[] average = {0, Double.POSITIVE_INFINITY};
        training.addListener(event -> {
            if (!(event instanceof TrainingEvent.BatchEnded b) || points.size() >= STEPS) {
                return;
            }
            int n = points.size() + 1;
            average[0] = SMOOTHING * average[0] + (1 - SMOOTHING) * b.loss();
            double smoothed = average[0] / (1 - Math.pow(SMOOTHING, n));
            Point p = new Point(b.learningRate(), b.loss(), smoothed);
            points.add(p);
            if (progress != null) {
                progress.accept(p);
            }
            average[1] = Math.min(average[1], smoothed);
            if (!Double.isFinite(smoothed) || smoothed > EXPLOSION * average[1]) {
                exploded[0] = true;
                training.stop();
            } else if (points.size() >= STEPS) {
                training.stop();
            }
        });
        training.run();
        // A NaN loss ends the run before its batch is reported: that is an explosion too.
        boolean blewUp = exploded[0] || points.size() < STEPS;
        return analyse(points, blewUp);
    }

    /** The suggestion from a curve (package-private for tests of the rule itself). */
    static Result analyse(List<Point> points, boolean exploded) {
        if (points.size() < 2) {
            return new Result(points, Double.NaN, Double.NaN, Double.NaN, exploded);
        }
        int usable = points.size();
        int min = 0;
        for (int i = 1; i < usable; i++) {
            if (points.get(i).smoothed() < points.get(min).smoothed()) {
                min = i;
            }
        }
        int steepest = 1;
        double slope = Double.POSITIVE_INFINITY;
        for (int i = 1; i < usable; i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            double s = (b.smoothed() - a.smoothed()) / (Math.log10(b.rate()) - Math.log10(a.rate()));
            if (s < slope) {
                slope = s;
                steepest = i;
            }
        }
        double minimumRate = points.get(min).rate();
        return new Result(points, minimumRate / 10, minimumRate, points.get(steepest).rate(), exploded);
    }
}
