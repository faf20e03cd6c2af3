package org.netstudio.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.catalog.LayerReference;
import picocli.CommandLine;

/**
 * The command line reference ({@code docs/cli.md}): every command and subcommand with its usage as
 * {@code --help} prints it, generated from the picocli commands so it cannot drift from them; a test
 * compares the committed file with {@link #markdown()}.
 */
public final class CliReference {

    /** The command that rewrites the committed reference, from the repository's root. */
    public static final String REGENERATE = "./netstudio --version && java -cp \"app/target/classes:$(cat "
            + "app/target/classpath.txt)\" " + CliReference.class.getName() + " docs/cli.md";

    /** The width {@code --help} wraps at on a terminal of unknown width (picocli's default). */
    private static final int WIDTH = 80;

    private CliReference() {
    }

    /** Writes the reference to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/cli.md");
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
    }

    /** The whole reference, ending with a newline. */
    public static String markdown() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new NetStudioCommand()), commands);
        StringBuilder md = new StringBuilder("# Command line reference\n\n");
        md.append("<!-- Generated from the picocli commands by ").append(CliReference.class.getName())
                .append("; do not edit. Regenerate from the repository's root with: ").append(REGENERATE)
                .append(" -->\n\n");
        md.append("Every command of `netstudio` with its options, as `--help` prints them. The [user guide]"
                + "(user-guide.md#the-command-line) shows them at work.\n\n");
        for (CommandLine c : commands) {
            md.append("- [`").append(c.getCommandSpec().qualifiedName()).append("`](#")
                    .append(LayerReference.anchor(c.getCommandSpec().qualifiedName())).append(")\n");
        }
        for (CommandLine c : commands) {
            c.setUsageHelpWidth(WIDTH);
            md.append("\n## ").append(c.getCommandSpec().qualifiedName()).append("\n\n```\n")
                    .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
