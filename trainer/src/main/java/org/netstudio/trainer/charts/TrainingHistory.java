package org.netstudio.trainer.charts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingEvent;

/**
 * The curves of one training run as they grow: training loss per batch (smoothed), the learning
 * rate per batch, validation loss per epoch, the measures (accuracy, …) per epoch, and the best epoch.
 * x is measured in epochs, so batch and epoch points share one axis. Not thread-safe: fed on the
 * UI thread from coalesced events.
 */
public final class TrainingHistory {

    /** Points a chart gets at most per series; more would not be visible in a panel. */
    public static final int PLOT_POINTS = 400;

    private final Smoother smoother = new Smoother(0.9);
    private final List<ChartPoint> smoothedLoss = new ArrayList<>();
    private final List<ChartPoint> validationLoss = new ArrayList<>();
    private final List<ChartPoint> learningRate = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private int bestEpoch;

    /** Adds a batch's loss. */
    public void add(TrainingEvent.BatchEnded batch) {
        double x = batch.epoch() - 1 + (double) batch.batch() / batch.batchesPerEpoch();
        smoothedLoss.add(new ChartPoint(x, smoother.add(batch.loss())));
        learningRate.add(new ChartPoint(x, batch.learningRate()));
    }

    /** Adds an epoch's metrics; an improved epoch becomes the best. */
    public void add(TrainingEvent.EpochEnded epoch) {
        EpochMetrics m = epoch.metrics();
        epochs.add(m);
        double x = m.epoch();
        m.validation().ifPresent(v -> validationLoss.add(new ChartPoint(x, v.loss())));
        if (epoch.improved()) {
            bestEpoch = m.epoch();
        }
    }

    /** Training loss per batch, smoothed, thinned to {@link #PLOT_POINTS}. */
    public List<ChartPoint> smoothedLoss() {
        return Downsampler.minMax(smoothedLoss, PLOT_POINTS);
    }

    /** The learning rate of each batch (as the schedule set it), thinned to {@link #PLOT_POINTS}. */
    public List<ChartPoint> learningRate() {
        return Downsampler.minMax(learningRate, PLOT_POINTS);
    }

    /** Validation loss per epoch. */
    public List<ChartPoint> validationLoss() {
        return Downsampler.minMax(validationLoss, PLOT_POINTS);
    }

    /** A measure per epoch on the training data (as training measured it while the weights changed). */
    public List<ChartPoint> trainingMeasure(Measure measure) {
        return perEpoch(measure, false);
    }

    /** A measure per epoch on the validation data. */
    public List<ChartPoint> validationMeasure(Measure measure) {
        return perEpoch(measure, true);
    }

    private List<ChartPoint> perEpoch(Measure measure, boolean validation) {
        List<ChartPoint> points = new ArrayList<>();
        for (EpochMetrics m : epochs) {
            Optional<Metrics> of = validation ? m.validation() : Optional.of(m.training());
            of.ifPresent(metrics -> metrics.measure(measure).ifPresent(v -> points.add(new ChartPoint(m.epoch(), v))));
        }
        return Downsampler.minMax(points, PLOT_POINTS);
    }

    /** The measures the epochs so far hold (accuracy, macro F1, R², …), in {@link Measure} order. */
    public Set<Measure> measures() {
        Set<Measure> seen = EnumSet.noneOf(Measure.class);
        for (EpochMetrics m : epochs) {
            seen.addAll(m.training().measures().keySet());
            m.validation().ifPresent(v -> seen.addAll(v.measures().keySet()));
        }
        return seen;
    }

    /** Every completed epoch's metrics, in order. */
    public List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    /** The number of batches recorded. */
    public int batchCount() {
        return smoothedLoss.size();
    }

    /** The best epoch so far (lowest validation loss), or 0 before the first epoch ends. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
