package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the command line as the launcher runs it ({@link NetStudioCommand#commandLine()}):
 * its exit code and what it printed on standard output and standard error. For tests only.
 */
public record CliRun(int exit, String out, String err) {

    /** Runs {@code netstudio ARGS…}. */
    public static CliRun run(String... args) {
        return run(NetStudioCommand.commandLine(), args);
    }

    /** Runs a command line made by {@link NetStudioCommand#commandLine()} (perhaps with a command added). */
    public static CliRun run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Standard output read as JSON. */
    public JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
