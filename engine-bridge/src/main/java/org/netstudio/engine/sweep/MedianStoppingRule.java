package org.netstudio.engine.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Early stopping of bad trials by the median rule (Google Vizier's): after epoch {@code k} or later,
 * a trial whose best validation loss so far is worse than the median of the best validation losses
 * other trials had reached by the same epoch is stopped. It needs at least {@code minTrials} other
 * trials at that epoch before it judges, so the first trials always run to the end. Without
 * validation data the training loss stands in. Thread-safe: trials running at once report to the
 * same rule.
 */
public final class MedianStoppingRule {

    /** The first epoch at which a trial may be stopped. */
    public static final int DEFAULT_GRACE_EPOCHS = 2;
    /** How many other trials must have reached an epoch before the rule judges there. */
    public static final int DEFAULT_MIN_TRIALS = 3;

    private final int graceEpochs;
    private final int minTrials;
    /** For each epoch, each trial's best loss by then. */
    private final Map<Integer, Map<Integer, Double>> byEpoch = new HashMap<>();

    /**
     * A rule.
     *
     * @param graceEpochs the first epoch at which a trial may be stopped, at least 1
     * @param minTrials other trials needed at an epoch before judging, at least 1
     */
    public MedianStoppingRule(int graceEpochs, int minTrials) {
        if (graceEpochs < 1 || minTrials < 1) {
            throw new IllegalArgumentException("The median rule needs at least 1 grace epoch and 1 other trial");
        }
        this.graceEpochs = graceEpochs;
        this.minTrials = minTrials;
    }

    /** The rule with the defaults. */
    public static MedianStoppingRule standard() {
        return new MedianStoppingRule(DEFAULT_GRACE_EPOCHS, DEFAULT_MIN_TRIALS);
    }

    /**
     * Records a trial's best loss after an epoch and says whether to stop it.
     *
     * @param trial the trial's number
     * @param epoch the epoch just ended, from 1
     * @param bestLoss the trial's best validation loss up to this epoch
     * @return whether the trial should stop
     */
    public synchronized boolean report(int trial, int epoch, double bestLoss) {
        Map<Integer, Double> at = byEpoch.computeIfAbsent(epoch, e -> new HashMap<>());
        List<Double> others = new ArrayList<>();
        at.forEach((t, loss) -> {
            if (t != trial) {
                others.add(loss);
            }
        });
        at.put(trial, Double.isNaN(bestLoss) ? Double.POSITIVE_INFINITY : bestLoss);
        if (epoch < graceEpochs || others.size() < minTrials) {
            return false;
        }
        return !(bestLoss <= median(others));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
