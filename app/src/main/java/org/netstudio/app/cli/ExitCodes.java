package org.netstudio.app.cli;

/** Exit codes of the command line, the same for every subcommand. */
public final class ExitCodes {

    /** Success; for {@code check}, the net is valid. */
    public static final int OK = 0;
    /** The net was read but is invalid (check), or a run failed (train). */
    public static final int INVALID = 1;
    /** A file could not be read: missing, malformed, or of a kind NetStudio does not understand. */
    public static final int UNREADABLE = 2;

    private ExitCodes() {
    }
}
