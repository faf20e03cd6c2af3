package org.netstudio.trainer;

/** Where the trainer panel is in its cycle. */
public enum TrainerState {
    /** Nothing trained yet (or the net changed since). */
    IDLE,
    /** A training is running. */
    TRAINING,
    /** Stop was pressed; the run ends after its current batch. */
    STOPPING,
    /** Training ended; the results are shown. */
    FINISHED
}
