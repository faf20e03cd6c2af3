package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.netstudio.app.Version;
import org.netstudio.app.cli.NetStudioCommand;
import picocli.CommandLine;

/** The {@code netstudio} command in-process: help, version and the exit codes of bad input. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NetStudioCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: netstudio").contains("--version").contains("--help");
    }

    @Test
    void versionNamesTheFilteredVersion() {
        assertThat(run("--version")).isZero();
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(out.toString()).startsWith("NetStudio " + Version.current());
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        assertThat(run("no-such-subcommand")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument").contains("Did you mean: netstudio");
        assertThat(out.toString()).isEmpty();
    }
}
