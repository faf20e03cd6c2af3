package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A net whose Subwords encoder reads a tokenizer.json that is not BERT's (a small byte-pair
 * encoding) trains and predicts from the command line; a broken or missing tokenizer file is one
 * sentence naming it.
 */
class SubwordsCommandsTest {

    @TempDir
    Path dir;

    private Path net(String tokenizer) throws IOException {
        return Files.writeString(dir.resolve("subwords.json"), """
                { "format": "netstudio.net", "version": 1, "name": "Subwords",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Subwords", "tokenizer": "%s" } },
                    "layers": [ { "type": "Embedding", "size": 8 },
                                { "type": "GRU", "units": 8, "returnSequences": false },
                                { "type": "Linear", "units": 2 }, { "type": "Softmax" } ],
                    "output": { "decoder": { "type": "Class", "labels": ["low", "new"] } } } }
                """.formatted(tokenizer));
    }

    private static Path bpe() {
        Path shipped = Path.of("engine-bridge/src/test/resources/org/netstudio/engine/text/tiny-bpe-tokenizer.json");
        return (Files.isRegularFile(shipped) ? shipped : Path.of("..").resolve(shipped)).toAbsolutePath();
    }

    @Test
    void aBytePairTokenizerTrainsAndPredicts() throws Exception {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2 == 0 ? "lower low slow,low\n" : "newest new nest,new\n");
        }
        Path data = Files.writeString(dir.resolve("words.csv"), csv);
        Path out = dir.resolve("subwords.nsnet");
        CliRun train = run("train", net(bpe().toString().replace("\\", "/")).toString(), "--data", data.toString(),
                "--target", "label", "--epochs", "2", "--batch-size", "4", "--seed", "1", "--out", out.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        CliRun predict = run("predict", out.toString(), "lower newest");
        assertThat(predict.exit()).as(predict.err()).isZero();
        assertThat(predict.out()).matches("(?s)lower newest: (low|new) \\d+\\.\\d%.*");
    }

    /**
     * A tokenizer named by a relative path is found beside the net file, by every command that reads
     * the net, whatever the working folder (the test runs from the module's).
     */
    @Test
    void aRelativeTokenizerPathStartsFromTheNetFilesFolder() throws Exception {
        Files.copy(bpe(), dir.resolve("tiny-bpe.json"));
        assertThat(Path.of("tiny-bpe.json")).doesNotExist();
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2 == 0 ? "lower low slow,low\n" : "newest new nest,new\n");
        }
        Path data = Files.writeString(dir.resolve("words.csv"), csv);
        Path out = dir.resolve("subwords.nsnet");
        CliRun train = run("train", net("tiny-bpe.json").toString(), "--data", data.toString(), "--target", "label",
                "--epochs", "1", "--batch-size", "4", "--seed", "1", "--out", out.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        CliRun predict = run("predict", out.toString(), "lower newest");
        assertThat(predict.exit()).as(predict.err()).isZero();
        CliRun eval = run("eval", out.toString(), "--data", data.toString(), "--target", "label");
        assertThat(eval.exit()).as(eval.err()).isZero();
        CliRun activations = run("activations", out.toString(), "lower newest", "--port", "Input");
        assertThat(activations.exit()).as(activations.err()).isZero();
    }

    @Test
    void aBrokenOrMissingTokenizerIsOneSentenceNamingTheFile() throws Exception {
        Path data = Files.writeString(dir.resolve("words.csv"), "text,label\nlow,low\nnew,new\n");
        Path bad = Files.writeString(dir.resolve("broken-tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\"");
        CliRun broken = run("train", net(bad.toString().replace("\\", "/")).toString(), "--data", data.toString(),
                "--target", "label");
        assertThat(broken.exit()).isNotZero();
        assertThat(broken.err()).contains("broken-tokenizer.json: not a JSON tokenizer file (")
                .doesNotContain("\tat ").doesNotContain("Exception");
        Path missing = dir.resolve("no-such-tokenizer.json");
        CliRun gone = run("train", net(missing.toString().replace("\\", "/")).toString(), "--data", data.toString(),
                "--target", "label");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("no-such-tokenizer.json: no such tokenizer file").doesNotContain("\tat ");
    }
}
