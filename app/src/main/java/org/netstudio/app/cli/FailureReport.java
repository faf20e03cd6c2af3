package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.netstudio.engine.device.DeviceUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a subcommand throws into one line on standard error, {@code netstudio <command>:
 * <what went wrong>}, and the exit code the {@link ExitCodeMapper} gives it. A {@link CommandFailure}
 * is said as it was written; for anything else, the stack trace is printed too only when asked for,
 * with {@code --debug} or the environment variable {@value #DEBUG_VARIABLE}.
 */
record FailureReport(boolean debugByEnvironment, IExitCodeExceptionMapper exitCodes)
        implements IExecutionExceptionHandler {

    /** Set (to anything but empty, "0" or "false") to print stack traces after the one line. */
    static final String DEBUG_VARIABLE = "NETSTUDIO_DEBUG";

    /** Whether the environment asks for stack traces. */
    static boolean debugFromEnvironment() {
        String v = System.getenv(DEBUG_VARIABLE);
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        // picocli hands an Error (out of memory, stack overflow) over wrapped; report the Error itself.
        Throwable failure = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        PrintWriter err = cmd.getErr();
        if (failure instanceof CommandFailure said) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + said.getMessage());
            err.flush();
            return exitCodes.getExitCode(said);
        }
        boolean debug = debugByEnvironment || debugRequested(parsed);
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(failure)
                + (debug || isExplained(failure) ? "" : " (--debug shows where)"));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCodes.getExitCode(failure);
    }

    /** Whether {@code --debug} was given, before the subcommand or after it. */
    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(NetStudioCommand.DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** One sentence for a person: the exception's own message when it has one worth reading. */
    static String describe(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            return "ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB for Java); give it more"
                    + " with NETSTUDIO_JAVA_OPTS=-Xmx8g, or use a smaller net, batch or dataset";
        }
        if (failure instanceof StackOverflowError) {
            return "the input is nested too deeply to process (the call stack overflowed)";
        }
        if (failure instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (failure instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (failure instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (failure instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        String message = oneLine(failure.getMessage());
        if (isExplained(failure)) {
            return message;
        }
        String kind = failure.getClass().getSimpleName();
        return message.isEmpty() ? "failed unexpectedly (" + kind + ")"
                : "failed unexpectedly (" + kind + "): " + message;
    }

    /** Exceptions whose message is written for a person and needs nothing added. */
    private static boolean isExplained(Throwable failure) {
        return failure instanceof DeviceUnavailableException
                || (failure instanceof IOException && failure.getMessage() != null)
                || (failure instanceof UncheckedIOException && failure.getCause() != null);
    }

    /** The first line of a message, without trailing punctuation, capped so nothing floods the terminal. */
    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl).strip();
        }
        if (line.length() > 400) {
            line = line.substring(0, 400) + "…";
        }
        while (line.endsWith(".") && !line.endsWith("…")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.toLowerCase(Locale.ROOT).equals("null") ? "" : line;
    }
}
