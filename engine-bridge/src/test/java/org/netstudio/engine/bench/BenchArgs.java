package org.netstudio.engine.bench;

/** The benches' positional command-line numbers: each one given, or its default when it is left out. */
final class BenchArgs {

    private BenchArgs() {
    }

    /** Argument {@code index} as a whole number, or {@code orElse} when there are fewer arguments. */
    static int integer(String[] args, int index, int orElse) {
        return args.length > index ? Integer.parseInt(args[index]) : orElse;
    }

    /** Argument {@code index} as a long whole number, or {@code orElse} when there are fewer arguments. */
    static long longInteger(String[] args, int index, long orElse) {
        return args.length > index ? Long.parseLong(args[index]) : orElse;
    }
}
