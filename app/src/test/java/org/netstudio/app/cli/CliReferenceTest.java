package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliReferenceTest {

    private final String reference = CliReference.markdown();

    @Test
    void theCommittedReferenceIsTheCommandLineAsItIs() throws IOException {
        Path committed = repositoryRoot().resolve("docs").resolve("cli.md");
        assertThat(Files.exists(committed)).as("%s exists", committed).isTrue();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/cli.md is out of date with the command line; regenerate it from the repository's root with: "
                        + CliReference.REGENERATE)
                .isEqualTo(reference);
    }

    @Test
    void everyCommandHasASectionWithItsHelpAsItIsPrinted() {
        assertThat(reference).contains("\n## netstudio\n").contains("\n## netstudio gallery download\n");
        for (String name : new CommandLine(new NetStudioCommand()).getSubcommands().keySet()) {
            assertThat(reference).contains("\n## netstudio " + name + "\n");
            String help = helpOf(name);
            assertThat(help).as("netstudio %s --help", name).startsWith("Usage: netstudio " + name);
            assertThat(reference).as("the help of %s", name).contains(help.stripTrailing());
        }
        assertThat(helpOf("gallery", "download")).startsWith("Usage: netstudio gallery download");
        assertThat(reference).contains(helpOf("gallery", "download").stripTrailing());
    }

    /** What {@code netstudio COMMAND… --help} prints. */
    private static String helpOf(String... command) {
        StringWriter out = new StringWriter();
        CommandLine root = new CommandLine(new NetStudioCommand());
        root.setOut(new PrintWriter(out));
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        assertThat(root.execute(args)).isZero();
        return out.toString();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
