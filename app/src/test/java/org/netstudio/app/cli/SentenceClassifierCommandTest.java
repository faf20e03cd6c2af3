package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.gallery.TopicSentences;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.WeightArray;

/**
 * {@code netstudio gallery classifier} saves a sentence classifier made of the pretrained
 * all-MiniLM-L6-v2, and {@code netstudio train} fine-tunes it on a table of labelled sentences:
 * with the encoder frozen (its arrays stay bit for bit) or learning too (every one of them moves).
 */
class SentenceClassifierCommandTest {

    @TempDir
    Path dir;

    private Path classifier() {
        Path net = dir.resolve("topics.nsnet");
        CliRun made = run("gallery", "classifier", "--labels", String.join(",", TopicSentences.TOPICS), "--out", net.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("Saved a sentence classifier of cooking, sport made of all-MiniLM-L6-v2");
        return net;
    }

    private static Map<String, WeightArray> encoderArrays(Path net) throws Exception {
        Map<String, WeightArray> all = new java.util.TreeMap<>(NetFiles.read(net).weights().orElseThrow().arrays());
        all.keySet().removeIf(k -> !k.startsWith("encoder/"));
        return all;
    }

    /**
     * Trains the net on the sentences for some epochs with the encoder's options, checks that it ran, with every
     * array able to learn, and told the held-back fifth apart; returns the trained file.
     */
    private Path train(Path net, String epochs, String... encoder) throws Exception {
        Path data = TopicSentences.write(dir.resolve("topics.csv"));
        Path trained = dir.resolve("trained-" + encoder.length + ".nsnet");
        List<String> args = new ArrayList<>(List.of("train", net.toString(), "--data", data.toString(), "--target", "label",
                "--epochs", epochs, "--batch-size", "16", "--learning-rate", "0.01", "--validation", "0.2", "--json",
                "--out", trained.toString()));
        args.addAll(List.of(encoder));

        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("cannot learn");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("validationAccuracy").asDouble()).isGreaterThan(0.9);
        return trained;
    }

    @Test
    void withTheEncoderFrozenOnlyTheHeadLearnsAndItTellsTheTopicsApart() throws Exception {
        Path net = classifier();

        Path trained = train(net, "2", "--freeze", "encoder");

        Map<String, WeightArray> before = encoderArrays(net);
        Map<String, WeightArray> after = encoderArrays(trained);
        assertThat(after.keySet()).isEqualTo(before.keySet()).hasSize(100);
        before.forEach((k, a) -> assertThat(after.get(k)).as(k).isEqualTo(a));
    }

    @Test
    void fineTunedEndToEndEveryArrayOfTheEncoderMoves() throws Exception {
        Path net = classifier();

        Path trained = train(net, "1", "--learning-rate-multiplier", "encoder=0.01");

        Map<String, WeightArray> before = encoderArrays(net);
        Map<String, WeightArray> after = encoderArrays(trained);
        // The position table included: it is an Embedding of the sequence's positions, not a constant.
        assertThat(before).containsKey("encoder/embeddings_position_embeddings_Gather/weights");
        before.forEach((k, a) -> assertThat(Arrays.equals(after.get(k).floats(), a.floats())).as(k + " changed").isFalse());
    }
}
