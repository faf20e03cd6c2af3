package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;

/** Try It's text classifier reads a tokenizer named by a relative path from the net file's folder. */
class TextClassifierTest {

    @Test
    void aRelativeTokenizerPathStartsFromTheNetFilesFolder(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("../engine-bridge/src/test/resources/org/netstudio/engine/text/tiny-bpe-tokenizer.json");
        Assumptions.assumeTrue(Files.isRegularFile(shipped), "run from the app module");
        Files.copy(shipped, dir.resolve("tiny-bpe.json"));
        NetDocument doc = NetFileReader.read("""
                { "format": "netstudio.net", "version": 1, "name": "Subwords",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Subwords", "tokenizer": "tiny-bpe.json" } },
                    "layers": [ { "type": "Embedding", "size": 8, "vocabulary": 32 }, { "type": "GRU", "units": 8, "returnSequences": false },
                                { "type": "Linear", "units": 2 }, { "type": "Softmax" } ],
                    "output": { "decoder": { "type": "Class", "labels": ["low", "new"] } } } }
                """, "subwords.json");

        try (TextClassifier c = TextClassifier.load(doc.net(), null, dir)) {
            assertThat(c.classify("lower newest", 2)).extracting(ClassProbability::label)
                    .containsExactlyInAnyOrder("low", "new");
        }
        assertThatThrownBy(() -> TextClassifier.load(doc.net(), null, dir.resolve("elsewhere")))
                .hasMessageContaining("tiny-bpe.json: no such tokenizer file");
    }
}
