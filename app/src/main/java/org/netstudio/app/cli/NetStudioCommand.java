package org.netstudio.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code netstudio} command. Subcommands are registered as classes in {@code subcommands}
 * (DESIGN.md: info, check, train, eval, predict, gallery); with none given it prints its usage.
 */
@Command(name = "netstudio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Design, train and explore neural networks. Without arguments, opens the window.",
        subcommands = {InfoCommand.class, CheckCommand.class, GalleryCommand.class,
                TrainCommand.class, EvalCommand.class, PredictCommand.class, EmbedCommand.class,
                ImportCommand.class, ExportCommand.class, GenerateCommand.class})
public final class NetStudioCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
