package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.fuzz.Fuzzer;

/**
 * The short run of the fuzzing suite over tokenizer.json files: a few hundred mutated BPE and
 * Unigram tokenizers, none of which may end in anything but SubwordTokenizer's one-sentence
 * refusal, and none accepted that then gives an id outside its vocabulary. The long run is part of
 * {@code ./bench fuzz}.
 */
class TokenizerFuzzTest {

    @Test
    void everyTokenizerFileIsReadOrRefusedCleanly() throws IOException {
        Fuzzer.Tally tally = new Fuzzer(Duration.ofSeconds(20), null)
                .run(new TokenizerFuzz(), 17, 0, Integer.getInteger("netstudio.fuzz.inputs", 200));
        assertThat(tally.findings()).isEmpty();
        assertThat(tally.refused()).as("inputs refused").isPositive();
        assertThat(tally.accepted()).as("inputs accepted").isPositive();
    }
}
