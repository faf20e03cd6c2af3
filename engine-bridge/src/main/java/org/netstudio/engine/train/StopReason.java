package org.netstudio.engine.train;

/** Why a {@link TrainingLoop} ended. */
public enum StopReason {
    /** All epochs ran. */
    COMPLETED,
    /** {@link TrainingLoop#stop()} was called. */
    STOPPED,
    /** The validation loss stopped improving for the patience given. */
    EARLY_STOPPED,
    /** An error ended training: a NaN or infinite loss, out of memory, a net that does not fit the data. */
    FAILED
}
