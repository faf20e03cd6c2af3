package org.netstudio.engine.sweep;

/** A search-space text that cannot be read; the message quotes the bad part and says what would do. */
public final class SweepSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence for people */
    public SweepSpecException(String message) {
        super(message);
    }
}
