package org.netstudio.engine.train;

/** Why a {@link TrainingRun} ended. */
public enum StopReason {
    /** All epochs ran. */
    COMPLETED,
    /** {@link TrainingRun#stop()} was called. */
    STOPPED,
    /** The validation loss stopped improving for the patience given. */
    EARLY_STOPPED,
    /** An error ended training: a NaN or infinite loss, out of memory, a net that does not fit the data. */
    FAILED
}
