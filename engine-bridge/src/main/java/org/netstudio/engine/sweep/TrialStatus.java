package org.netstudio.engine.sweep;

/** How a trial ended. */
public enum TrialStatus {
    /** Trained all its epochs, or stopped by its own early-stopping patience. */
    COMPLETED,
    /** Stopped by the sweep's {@link MedianStoppingRule}: it was doing worse than the others. */
    PRUNED,
    /** Stopped because the sweep was stopped. */
    STOPPED,
    /** Could not be configured or trained (the message says why). */
    FAILED;

    /** The word a table shows: "completed", "pruned", … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
