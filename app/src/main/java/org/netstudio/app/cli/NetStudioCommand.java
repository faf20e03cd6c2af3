package org.netstudio.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code netstudio} command. Subcommands are registered as classes in {@code subcommands}
 * (DESIGN.md: info, check, train, eval, predict, gallery); with none given it prints its usage.
 * Run it through {@link #commandLine()}, which ends every failure in one line (see
 * {@link FailureReport}).
 */
@Command(name = "netstudio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Design, train and explore neural networks. Without arguments, opens the window.",
        subcommands = {InfoCommand.class, CheckCommand.class, GalleryCommand.class,
                TrainCommand.class, SweepCommand.class, LrFindCommand.class, EvalCommand.class, PredictCommand.class,
                ActivationsCommand.class, EmbedCommand.class, ImportCommand.class, ExportCommand.class, ImportWeightsCommand.class,
                GenerateCommand.class, RunsCommand.class})
public final class NetStudioCommand implements Runnable {

    static final String DEBUG_OPTION = "--debug";

    @Spec
    private CommandSpec spec;

    // Read from the parse result by FailureReport; declared here so that every command's help lists it.
    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "After an unexpected failure, print where it happened (a stack trace).")
    private boolean debug;

    /**
     * The command line as the launcher runs it: a failure in any subcommand ends in one line on
     * standard error ({@link FailureReport}) and the exit code {@link ExitCodeMapper} gives it: 1,
     * or 2 for a file that cannot be read or written.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NetStudioCommand());
        ExitCodeMapper exitCodes = new ExitCodeMapper();
        cl.setExitCodeExceptionMapper(exitCodes);
        cl.setExecutionExceptionHandler(new FailureReport(FailureReport.debugFromEnvironment(), exitCodes));
        // picocli lets an Error (out of memory, stack overflow) escape execute(); hand it to the handler instead.
        CommandLine.IExecutionStrategy strategy = cl.getExecutionStrategy();
        cl.setExecutionStrategy(parsed -> {
            try {
                return strategy.execute(parsed);
            } catch (StackOverflowError | OutOfMemoryError | LinkageError e) {
                CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                throw new CommandLine.ExecutionException(last, String.valueOf(e.getMessage()), e);
            }
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
