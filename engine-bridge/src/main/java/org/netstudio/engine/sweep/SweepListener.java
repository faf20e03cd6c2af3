package org.netstudio.engine.sweep;

import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.train.EpochMetrics;

/**
 * Follows a sweep. Called on the sweep's trial threads (several at once with {@code parallel > 1}),
 * so an implementation must be thread-safe and return quickly; a GUI posts to its own thread.
 */
public interface SweepListener {

    /**
     * A trial is about to train. The one hook for whatever attaches to each trial's training (a run
     * recorder adds its {@link org.netstudio.engine.train.TrainingListener} here): the configured
     * trial says what is trained, its {@link Trial#origin()} which sweep and trial it is.
     *
     * @param trial the trial, configured
     * @param training its training, not started
     */
    default void trialStarted(ConfiguredTrial trial, PreparedTraining training) {
    }

    /**
     * A trial finished an epoch.
     *
     * @param trial the trial
     * @param metrics the epoch's metrics
     */
    default void trialEpoch(Trial trial, EpochMetrics metrics) {
    }

    /**
     * A trial ended (or could not start).
     *
     * @param result its row of the table
     */
    default void trialEnded(TrialResult result) {
    }
}
