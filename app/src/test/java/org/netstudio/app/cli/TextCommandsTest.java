package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.net.Chain;

/** train and predict on text: a word/language CSV and a plain text, for nets whose input has a text encoder. */
class TextCommandsTest {

    /** A character GRU whose alphabet is built from the words it trains on. */
    static final String WORDS_NET = """
            { "format": "netstudio.net", "version": 1, "name": "Word language",
              "net": { "type": "Chain", "input": { "encoder": { "type": "Characters" } },
                "layers": [ { "type": "Embedding", "size": 16 },
                            { "type": "GRU", "units": 64, "returnSequences": false },
                            { "type": "Linear", "units": 5 }, { "type": "Softmax" } ],
                "output": { "decoder": { "type": "Class", "labels": ["de", "en", "es", "fr", "it"] } } } }
            """;

    @TempDir
    static Path dir;

    static Path trained;
    static CliRun training;

    /** The first 3,000 rows of the engine's words.csv (read from its module beside this one). */
    static Path words() throws IOException {
        Path shipped = Path.of("engine-bridge/src/test/resources/org/netstudio/engine/data/words.csv");
        Path all = Files.isRegularFile(shipped) ? shipped : Path.of("..").resolve(shipped);
        Path csv = dir.resolve("words.csv");
        Files.write(csv, Files.readAllLines(all).subList(0, 3001));
        return csv;
    }

    @BeforeAll
    static void trainOnWords() throws Exception {
        Path net = Files.writeString(dir.resolve("words.json"), WORDS_NET);
        trained = dir.resolve("words.nsnet");
        training = run("train", net.toString(), "--data", words().toString(), "--target",
                "language", "--epochs", "4", "--batch-size", "32", "--learning-rate", "0.01", "--seed", "3", "--out",
                trained.toString(), "--json");
    }

    @Test
    void aTextCsvTrainsACharacterClassifierAndItsNetKeepsTheAlphabet() throws Exception {
        assertThat(training.exit()).as(training.err()).isZero();
        JsonNode r = training.json();
        assertThat(r.get("validationAccuracy").asDouble()).isGreaterThan(0.55);
        Chain saved = (Chain) NetFiles.read(trained).document().net();
        assertThat(saved.input().coder().options()).containsKey("alphabet");
    }

    /**
     * A sweep reads text as train does: the same alphabet, split and seed, so a trial with train's
     * values validates exactly as train did (sweeps used to refuse nets that read text).
     */
    @Test
    void aSweepOfACharacterClassifierTrainsItsTrialsAsTrainDoes() throws Exception {
        Path net = Files.writeString(dir.resolve("swept.json"), WORDS_NET);
        CliRun sweep = run("sweep", net.toString(), "--data", words().toString(), "--target", "language",
                "--vary", "learningRate=0.01", "--trials", "1", "--epochs", "4", "--batch-size", "32", "--seed", "3",
                "--no-record", "--out", dir.resolve("swept-best.nsnet").toString(), "--json");

        assertThat(sweep.exit()).as(sweep.err()).isZero();
        JsonNode best = sweep.json().get("best");
        assertThat(best.get("validationAccuracy").asDouble())
                .isEqualTo(training.json().get("validationAccuracy").asDouble());
        Chain saved = (Chain) NetFiles.read(dir.resolve("swept-best.nsnet")).document().net();
        assertThat(saved.input().coder().options().get("alphabet"))
                .isEqualTo(((Chain) NetFiles.read(trained).document().net()).input().coder().options().get("alphabet"));
    }

    @Test
    void predictTakesWordsAndPrintsTheirLanguages() {
        CliRun r = run("predict", trained.toString(), "zusammenarbeiten", "the", "--top", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("zusammenarbeiten: (de|en|es|fr|it) \\d+\\.\\d%, (de|en|es|fr|it) \\d+\\.\\d%");
        assertThat(lines.get(0)).startsWith("zusammenarbeiten: de ");
    }

    /** --explain says which characters the classifier leaned on, as Try It highlights them: the largest weighs 1. */
    @Test
    void predictExplainsWhichCharactersTheClassRestsOn() throws Exception {
        CliRun r = run("predict", trained.toString(), "zusammenarbeiten", "--top", "1", "--explain");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).matches("  leaned on: \"[a-z]\" 1\\.00(, \"[a-z]\" [01]\\.\\d\\d){7}");

        JsonNode units = run("predict", trained.toString(), "zusammenarbeiten", "--explain", "--json").json()
                .get("predictions").get(0).get("explanation").get("units");
        assertThat(units).hasSize("zusammenarbeiten".length());
        double max = 0;
        StringBuilder read = new StringBuilder();
        for (JsonNode u : units) {
            read.append(u.get("unit").asText());
            assertThat(u.get("weight").asDouble()).isBetween(0.0, 1.0);
            max = Math.max(max, u.get("weight").asDouble());
        }
        assertThat(read.toString()).isEqualTo("zusammenarbeiten");
        assertThat(max).isEqualTo(1.0);
    }

    @Test
    void aNetWhoseAlphabetIsNotBuiltYetIsExplainedByPredict() throws Exception {
        Path net = Files.writeString(dir.resolve("untrained.json"), WORDS_NET);
        CliRun r = run("predict", net.toString(), "haus");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("holds no trained weights");
    }

    @Test
    void aTextTableWithoutTargetOrAMissingFileIsAUsageError() throws Exception {
        Path net = Files.writeString(dir.resolve("w2.json"), WORDS_NET);
        CliRun r = run("train", net.toString(), "--data", words().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a table of texts needs --target COLUMN");
        r = run("train", net.toString(), "--data", dir.resolve("nope.csv").toString(),
                "--target", "language");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file or folder; the net reads text");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "word,language\nhaus,de\n,en\n");
        r = run("train", net.toString(), "--data", bad.toString(), "--target", "language");
        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains(bad + ": line 3, column 1 ('word'): the text is empty");
    }

    @Test
    void aPlainTextTrainsANextCharacterNetAndPredictPrintsTheNextCharacterOfEach() throws Exception {
        Path text = Files.writeString(dir.resolve("cat.txt"), "the cat sat on the mat. ".repeat(200));
        Path net = Files.writeString(dir.resolve("next.json"), """
                { "format": "netstudio.net", "version": 1, "name": "Next character",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Characters" } },
                    "layers": [ { "type": "Embedding", "size": 8 }, { "type": "GRU", "units": 32 },
                                { "type": "Linear", "units": 12 }, { "type": "Softmax" } ],
                    "output": { "decoder": { "type": "Characters" } } } }
                """);
        Path out = dir.resolve("next.nsnet");
        CliRun r = run("train", net.toString(), "--data", text.toString(), "--window", "24",
                "--stride", "12", "--epochs", "6", "--batch-size", "16", "--learning-rate", "0.01", "--seed", "1",
                "--out", out.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("validationLoss").asDouble()).isLessThan(0.3);

        r = run("predict", out.toString(), "the cat sat on the ma");
        assertThat(r.exit()).as(r.err()).isZero();
        // One predicted next character per character read; after "…the ma" comes "t".
        assertThat(r.out().strip()).startsWith("the cat sat on the ma: ").endsWith("t");
        assertThat(r.out().strip().length()).isEqualTo("the cat sat on the ma: ".length() + 21);
    }

    @Test
    void checkAndInfoAcceptANetWhoseAlphabetIsBuiltByTraining() throws Exception {
        Path net = Files.writeString(dir.resolve("fresh.json"), WORDS_NET);
        CliRun r = run("check", net.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        r = run("info", trained.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        // Trained, the embedding knows its alphabet: 16 numbers per character.
        JsonNode embedding = r.json().get("layers").get(0);
        assertThat(embedding.get("parameters").asLong() % 16).isZero();
        assertThat(embedding.get("parameters").asLong()).isPositive();
    }
}
