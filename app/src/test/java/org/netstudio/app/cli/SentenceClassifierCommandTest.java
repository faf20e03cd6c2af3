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

    /** The encoder's arrays in the classifier as made and as trained. */
    private record EncoderArrays(Map<String, WeightArray> before, Map<String, WeightArray> after) {
    }

    /** Makes the classifier and {@linkplain #train trains} it with the encoder's options. */
    private EncoderArrays fineTuned(String epochs, String... encoder) throws Exception {
        Path net = classifier();
        Path trained = train(net, epochs, encoder);
        return new EncoderArrays(encoderArrays(net), encoderArrays(trained));
    }

    @Test
    void withTheEncoderFrozenOnlyTheHeadLearnsAndItTellsTheTopicsApart() throws Exception {
        EncoderArrays encoder = fineTuned("2", "--freeze", "encoder");

        assertThat(encoder.after().keySet()).isEqualTo(encoder.before().keySet()).hasSize(100);
        encoder.before().forEach((k, a) -> assertThat(encoder.after().get(k)).as(k).isEqualTo(a));
    }

    @Test
    void fineTunedEndToEndEveryArrayOfTheEncoderMoves() throws Exception {
        EncoderArrays encoder = fineTuned("1", "--learning-rate-multiplier", "encoder=0.01");

        // The position table included: it is an Embedding of the sequence's positions, not a constant.
        assertThat(encoder.before()).containsKey("encoder/embeddings_position_embeddings_Gather/weights");
        encoder.before().forEach((k, a) -> assertThat(Arrays.equals(encoder.after().get(k).floats(), a.floats()))
                .as(k + " changed").isFalse());
    }
}
