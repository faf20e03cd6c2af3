package org.netstudio.app.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of every command that can print its result as JSON (a picocli mixin). */
final class JsonOption {

    @Option(names = "--json", description = "Print the result as JSON on standard output instead of text.")
    private boolean json;

    /** Whether the person asked for JSON. */
    boolean on() {
        return json;
    }
}
