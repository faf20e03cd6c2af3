package org.netstudio.engine.sweep;

/** How a sweep picks its trials from the search space. */
public enum Sampling {
    /**
     * Every combination: lists as given, each interval at evenly spaced points (on its scale), as
     * many as keep the grid within the trial budget (at least 2 each). A grid larger than the
     * budget runs its first combinations.
     */
    GRID,
    /** Independent seeded draws: uniform in each interval (on its scale), uniform among listed values. */
    RANDOM
}
