package org.netstudio.engine.runs;

import java.util.Locale;
import java.util.Optional;

/** How a run ended, or that it is still going; written in {@code run.json} as {@link #id()}. */
public enum RunStatus {
    /** Training is going on in a live process. */
    RUNNING,
    /** All epochs ran, or early stopping ended it. */
    COMPLETED,
    /** Someone stopped it (Stop, Ctrl+C); the best weights so far are kept. */
    STOPPED,
    /** Training failed (a NaN loss, out of memory); the best weights so far are kept. */
    FAILED,
    /** Its process died while it was running: {@code run.json} says running but nobody holds its lock. */
    CRASHED,
    /** Its {@code run.json} cannot be read. */
    UNREADABLE;

    /** The lower-case word used in files and output, e.g. "completed". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of an id, if it is one. */
    public static Optional<RunStatus> of(String id) {
        for (RunStatus s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
