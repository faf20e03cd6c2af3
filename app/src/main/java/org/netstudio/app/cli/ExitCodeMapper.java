package org.netstudio.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The one place a failure becomes an exit code ({@link ExitCodes}): a {@link CommandFailure}
 * keeps the code it was made with, a wrong option or argument is picocli's usage error (2, as
 * picocli ends it without a mapper), a file NetStudio cannot read or write is
 * {@link ExitCodes#UNREADABLE}, anything else {@link ExitCodes#INVALID}.
 */
final class ExitCodeMapper implements IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof CommandFailure f) {
            return f.exitCode();
        }
        if (failure instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return failure instanceof IOException || failure instanceof UncheckedIOException ? ExitCodes.UNREADABLE
                : ExitCodes.INVALID;
    }
}
