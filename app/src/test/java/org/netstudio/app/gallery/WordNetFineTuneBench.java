package org.netstudio.app.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.app.cli.CliRun;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.WordNetNouns;

/**
 * {@code ./bench wordnet [EPOCHS [MULTIPLIER]]}: the sentence classifier made of the gallery's
 * all-MiniLM-L6-v2 trained on {@code wordnet-nouns} (Debian's wordnet-base: 1,600 definitions of
 * animals, artifacts, foods and plants to train, 10 % of them for validation, 400 held out to test)
 * through {@code netstudio train}, twice with one recipe (the same head, epochs, batch, learning rate
 * and seed): with the encoder frozen, and fine-tuned end to end (the encoder's learning rate times
 * MULTIPLIER, default 0.025). Prints each run's held-out test accuracy, time and the load average.
 */
public final class WordNetFineTuneBench {

    private WordNetFineTuneBench() {
    }

    public static void main(String[] args) throws Exception {
        String epochs = args.length > 0 ? args[0] : "2";
        String multiplier = args.length > 1 ? args[1] : "0.025";
        if (!DatasetCatalog.standard().isOnDisk(DatasetSource.WORDNET_NOUNS)) {
            System.err.println("wordnet-nouns is not on this machine: install Debian's package wordnet-base");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("wordnet-bench");
        Path net = dir.resolve("nouns.nsnet");
        CliRun made = CliRun.run("gallery", "classifier", "--labels", String.join(",", WordNetNouns.classes()),
                "--out", net.toString());
        if (made.exit() != 0) {
            throw new IllegalStateException(made.err());
        }
        System.out.printf("sentence classifier (all-MiniLM-L6-v2 → mean → Linear → Softmax) on wordnet-nouns, %s epochs,"
                + " batch 32, adam 0.002, seed 1%n", epochs);
        for (boolean frozen : new boolean[] {true, false}) {
            List<String> a = new ArrayList<>(List.of("train", net.toString(), "--data", "wordnet-nouns", "--epochs", epochs,
                    "--batch-size", "32", "--learning-rate", "0.002", "--seed", "1", "--no-record", "--json",
                    "--out", dir.resolve(frozen ? "frozen.nsnet" : "fine-tuned.nsnet").toString()));
            a.addAll(frozen ? List.of("--freeze", "encoder") : List.of("--learning-rate-multiplier", "encoder=" + multiplier));
            String loadBefore = load();
            CliRun r = CliRun.run(a.toArray(String[]::new));
            if (r.exit() != 0) {
                throw new IllegalStateException(r.err());
            }
            JsonNode j = new ObjectMapper().readTree(r.out());
            String row = String.format(Locale.ROOT, "%-34s test accuracy %.4f  validation %.4f  %6.0f s  %5.1f sentences/s"
                    + "  load %s → %s", frozen ? "encoder frozen (head only)" : "fine-tuned (encoder ×" + multiplier + ")",
                    j.at("/testMeasures/accuracy").asDouble(), j.at("/validationMeasures/accuracy").asDouble(),
                    j.get("seconds").asDouble(), j.get("samplesPerSecond").asDouble(), loadBefore, load());
            System.out.println(row);
        }
        System.out.println("(nets in " + dir + ")");
    }

    /** The 1-, 5- and 15-minute load averages. */
    private static String load() throws java.io.IOException {
        Path avg = Path.of("/proc/loadavg");
        if (!Files.exists(avg)) {
            return "?";
        }
        String[] f = Files.readString(avg).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
