package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The {@code --json} option of every command that can print its result as JSON (a picocli mixin). */
final class JsonOption {

    @Option(names = "--json", description = "Print the result as JSON on standard output instead of text.")
    private boolean json;

    /** Whether the person asked for JSON. */
    boolean on() {
        return json;
    }

    /** Prints a command's result: as JSON with {@code --json}, else as text for a person. */
    void print(PrintWriter out, Supplier<? extends JsonNode> asJson, Consumer<PrintWriter> asText) {
        if (json) {
            JsonOutput.print(out, asJson.get());
        } else {
            asText.accept(out);
        }
    }
}
