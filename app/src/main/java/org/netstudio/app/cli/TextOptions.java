package org.netstudio.app.cli;

import org.netstudio.engine.data.TextDatasets;

import org.netstudio.engine.data.TextTables;
import picocli.CommandLine.Option;

/** {@code --text COLUMN} and {@code --window N} (a picocli mixin): how train and eval read texts for a net that reads text. */
final class TextOptions {

    @Option(names = "--text", paramLabel = "COLUMN",
            description = "For a net that reads text: the column of texts, when the table has several besides --target.")
    private String column;

    @Option(names = "--window", paramLabel = "N", defaultValue = "" + TextTables.DEFAULT_WINDOW,
            description = "For a net trained on or continuing a plain text: characters (or words) per window (default "
                    + "${DEFAULT-VALUE}).")
    private int window;

    /** The column of texts, or null to find it. */
    String column() {
        return column;
    }

    /**
     * How to read the texts: this column and window, a window every {@code stride} characters or words (null:
     * windows side by side), and the validation share and seed of the split.
     */
    TextDatasets.Options reading(Subcommand command, String target, Integer stride, double validation, long seed) {
        int w = window(command);
        return new TextDatasets.Options(target, column, w, stride == null ? w : stride, validation, seed, null);
    }

    /** The window length, checked to be at least 1. */
    int window(Subcommand command) {
        if (window < 1) {
            throw command.usage("--window must be at least 1, but was " + window);
        }
        return window;
    }
}
