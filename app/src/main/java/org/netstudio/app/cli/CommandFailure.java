package org.netstudio.app.cli;

/**
 * A command that cannot go on, said in a sentence for a person: {@link FailureReport} prints it as
 * {@code netstudio <command>: <message>} (never with a stack trace) and {@link ExitCodeMapper}
 * ends the command with its exit code. Thrown instead of printing and returning a code, so that
 * every command says its failures the same way.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A file or net that cannot be read or written ({@link ExitCodes#UNREADABLE}). */
    static CommandFailure unreadable(String message) {
        return new CommandFailure(ExitCodes.UNREADABLE, message);
    }

    /** An invalid net, or a run that failed ({@link ExitCodes#INVALID}). */
    static CommandFailure invalid(String message) {
        return new CommandFailure(ExitCodes.INVALID, message);
    }

    int exitCode() {
        return exitCode;
    }
}
