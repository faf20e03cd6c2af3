package org.netstudio.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.text.SentenceEncoder;

/**
 * Times all-MiniLM-L6-v2: opening its ONNX Runtime session (reading the 91 MB model from the jar
 * and optimising the graph), then embedding 100 sentences of 6 to 40 words in one call, several
 * times, reported as sentences per second. Not a unit test.
 *
 * <p>Run: {@code mvn -o -q -pl engine-bridge test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.netstudio.engine.bench.MiniLmBench [-Dexec.args="repeats"]} (default 5).
 */
public final class MiniLmBench {

    private static final String[] WORDS = ("the a man woman child dog cat eats carries reads writes drives a car"
            + " bread food book letter street park quickly slowly under over near far red green small large"
            + " network layer train model data sentence").split(" ");

    private MiniLmBench() {}

    public static void main(String[] args) {
        int repeats = BenchArgs.integer(args, 0, 5);
        List<String> sentences = sentences(100);
        int tokens = 0;
        long start = System.nanoTime();
        try (SentenceEncoder encoder = SentenceEncoder.miniLm()) {
            for (String s : sentences) {
                tokens += encoder.tokenizer().encode(s).length();
            }
            encoder.open();
            double open = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "open session: %.3f s (%d processors)%n", open,
                    Runtime.getRuntime().availableProcessors());
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                float[][] e = encoder.embed(sentences);
                double seconds = (System.nanoTime() - t) / 1e9;
                rates.add(sentences.size() / seconds);
                System.out.printf(Locale.ROOT, "embed %d: %d sentences (%d tokens, %d values each) in %.3f s = %.1f sentences/s%n",
                        i + 1, e.length, tokens, e[0].length, seconds, sentences.size() / seconds);
            }
            List<Double> warm = new ArrayList<>(rates.subList(Math.min(1, rates.size() - 1), rates.size()));
            warm.sort(null);
            System.out.printf(Locale.ROOT, "first embedding run %.1f sentences/s; warm median %.1f, best %.1f sentences/s%n",
                    rates.get(0), warm.get(warm.size() / 2), warm.get(warm.size() - 1));
        }
    }

    /** Deterministic sentences of 6 to 40 words, varied in length so that batches need padding as real text does. */
    static List<String> sentences(int n) {
        List<String> out = new ArrayList<>();
        long seed = 42;
        for (int i = 0; i < n; i++) {
            int words = 6 + i * 34 / n;
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                sb.append(w == 0 ? "" : " ").append(WORDS[(int) ((seed >>> 33) % WORDS.length)]);
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }
}
