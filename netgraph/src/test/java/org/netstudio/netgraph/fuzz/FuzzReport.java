package org.netstudio.netgraph.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The long fuzz run behind {@code ./bench fuzz}: runs targets and prints one row per reader
 * (inputs tried, accepted, clean refusals, unexpected exceptions, hangs, out-of-memory errors,
 * time), then every finding with the command that makes it again. Options:
 * {@code --inputs N} per reader (10,000), {@code --seed S} (15), {@code --from I} (first input, 0),
 * {@code --timeout SECONDS} per input (20), {@code --reader KEY} (one reader, by the first word of
 * its name: net, nsnet, onnx, conformance, idx, csv, image), {@code --findings DIR} (where failing
 * inputs are copied; target/fuzz-findings).
 */
public final class FuzzReport {

    private FuzzReport() {
    }

    /** Runs the targets as the arguments say; returns whether every reader came out clean. */
    public static boolean run(String[] args, List<FuzzTarget> targets, PrintStream out) throws IOException {
        int inputs = 10_000;
        long seed = 15;
        int from = 0;
        long timeout = 20;
        String only = "";
        Path findings = Path.of("target", "fuzz-findings");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--inputs" -> inputs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--from" -> from = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeout = Long.parseLong(args[i + 1]);
                case "--reader" -> only = args[i + 1].toLowerCase(Locale.ROOT);
                case "--findings" -> findings = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Fuzzer fuzzer = new Fuzzer(Duration.ofSeconds(timeout), findings.toAbsolutePath());
        out.printf(Locale.ROOT, "fuzzing %d inputs per reader, seed %d, %d s per input, heap %d MB%n%n", inputs, seed,
                timeout, Runtime.getRuntime().maxMemory() >> 20);
        String row = "%-24s %8s %9s %9s %11s %6s %5s %8s%n";
        out.printf(Locale.ROOT, row, "reader", "inputs", "accepted", "refused", "unexpected", "hangs", "OOM", "time");
        List<Fuzzer.Tally> tallies = new ArrayList<>();
        for (FuzzTarget t : targets) {
            if (!only.isEmpty() && !key(t).equals(only)) {
                continue;
            }
            Fuzzer.Tally tally = fuzzer.run(t, seed, from, inputs);
            tallies.add(tally);
            out.printf(Locale.ROOT, row, tally.reader(), tally.tried(), tally.accepted(), tally.refused(),
                    tally.unexpected(), tally.hangs(), tally.outOfMemory(),
                    String.format(Locale.ROOT, "%.1f s", tally.time().toMillis() / 1000.0));
            out.flush();
        }
        boolean clean = tallies.stream().allMatch(Fuzzer.Tally::clean);
        for (Fuzzer.Tally t : tallies) {
            for (Fuzzer.Finding f : t.findings()) {
                out.println();
                out.println(t.reader() + " " + f);
                out.println("  again: ./bench fuzz --reader " + key(t.reader()) + " --seed " + seed + " --from " + f.index()
                        + " --inputs 1   (input kept in " + findings.toAbsolutePath() + ")");
            }
        }
        out.println();
        out.println(clean ? "every input was read or refused cleanly" : "FINDINGS: see above");
        return clean;
    }

    /** A reader's key for --reader: the first word of its name, e.g. "nsnet" for ".nsnet / safetensors". */
    static String key(FuzzTarget t) {
        return key(t.name());
    }

    private static String key(String name) {
        return name.split(" ")[0].replace(".", "").toLowerCase(Locale.ROOT);
    }

    /** Runs netgraph's readers alone (the full table, with the datasets, is engine-bridge's FuzzBench). */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, NetgraphFuzzTargets.all(), System.out) ? 0 : 1);
    }
}
