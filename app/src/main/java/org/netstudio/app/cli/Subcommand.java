package org.netstudio.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of {@code netstudio} has: the spec picocli gives it, where it prints, its
 * name as its messages begin, and the usage error for a wrong option (picocli prints it with the
 * usage and exits with 2).
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Standard output, as the command line was given it. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, as the command line was given it. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** How messages of this command begin: {@code netstudio train}. */
    String name() {
        return spec.qualifiedName();
    }

    /** Why a data argument cannot be used, to be thrown: a usage error when it was named wrongly, else unreadable. */
    RuntimeException refused(DataArgument.DataException e) {
        return e.usage() ? usage(e.getMessage()) : CommandFailure.unreadable(e.getMessage());
    }

    /** The error for a wrong option or argument, naming it; to be thrown. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
