package org.netstudio.netgraph.fuzz;

import java.nio.file.Path;
import java.util.Random;

/**
 * One reader under fuzzing: it makes inputs (generated or mutated from valid seeds) and reads them
 * the way NetStudio does. The {@link Fuzzer} calls {@link #input} and {@link #read} for each input,
 * on different threads; implementations keep no state between inputs.
 */
public interface FuzzTarget {

    /** The reader's name in the table, e.g. "net file + inference". */
    String name();

    /**
     * Writes one input into {@code dir} (an empty folder of its own) from {@code random}, which is
     * seeded per input so that each input can be made again alone.
     */
    FuzzInput input(Random random, Path dir) throws Exception;

    /** Reads the input as NetStudio does; returns what was read (compared with an expectation). */
    Object read(Path input) throws Exception;

    /**
     * Whether {@code t} is this reader's documented refusal: its checked error type carrying a
     * one-line message. Anything else thrown is unexpected.
     */
    boolean isRefusal(Throwable t);

    /** A refusal's documented message: not blank, one line, not a dump of the input. */
    static boolean isSentence(String message) {
        return message != null && !message.isBlank() && message.length() <= 1000 && !message.contains("\n")
                && !message.endsWith(": null");
    }
}
