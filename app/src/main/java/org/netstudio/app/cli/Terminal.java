package org.netstudio.app.cli;

/** Messages the launcher shows outside a window; only this package writes to the standard streams. */
public final class Terminal {

    /** Exit code of {@link #reportNoDisplay()}. */
    public static final int EXIT_NO_DISPLAY = 2;

    private Terminal() {
    }

    /** Says on one line that no window can open and where the command line is; returns the exit code. */
    public static int reportNoDisplay() {
        System.err.println("netstudio: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the window "
                + "cannot open; run ./netstudio --help for the command line.");
        return EXIT_NO_DISPLAY;
    }
}
