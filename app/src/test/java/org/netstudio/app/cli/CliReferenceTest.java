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
        CommandLine root = new CommandLine(new NetStudioCommand());
        assertThat(reference).contains("\n## netstudio\n").contains("\n## netstudio gallery download\n");
        root.getSubcommands().forEach((name, sub) -> {
            assertThat(reference).contains("\n## netstudio " + name + "\n");
            StringWriter help = new StringWriter();
            sub.setOut(new PrintWriter(help));
            sub.execute("--help");
            assertThat(reference).as("the help of %s", name).contains(help.toString().stripTrailing());
        });
        assertThat(reference).contains("      --epochs=N          Passes over the data");
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
