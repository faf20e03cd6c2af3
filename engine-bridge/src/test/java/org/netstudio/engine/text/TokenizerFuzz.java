package org.netstudio.engine.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.netstudio.netgraph.fuzz.FuzzInput;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.JsonMutations;
import org.netstudio.netgraph.fuzz.Mutations;

/**
 * Fuzzes the tokenizer reader: the small BPE and Unigram tokenizer.json files of the tests, mutated
 * as JSON trees (values swapped, removed, duplicated, retyped) or byte by byte, then read by {@link
 * SubwordTokenizer} and, when accepted, used on a few texts. Refusal: an IOException in one
 * sentence.
 */
public final class TokenizerFuzz implements FuzzTarget {

    private static final List<String> SEEDS = List.of("tiny-bpe-tokenizer.json", "tiny-unigram-tokenizer.json");
    private static final List<String> TEXTS = List.of("lower newest", "hello world", "", "ünïcödé 中文 😀 [MASK] </s>");

    @Override
    public String name() {
        return "tokenizer.json";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        String seed = SEEDS.get(r.nextInt(SEEDS.size()));
        byte[] json;
        try (InputStream in = TokenizerFuzz.class.getResourceAsStream(seed)) {
            json = in.readAllBytes();
        }
        boolean bytes = r.nextInt(4) == 0;
        json = bytes ? Mutations.mutate(json, r) : JsonMutations.mutate(json, r);
        return new FuzzInput(Files.write(dir.resolve("tokenizer.json"), json), seed + (bytes ? ", bytes mutated"
                : ", JSON mutated"));
    }

    @Override
    public Object read(Path input) throws Exception {
        SubwordTokenizer t = SubwordTokenizer.read(input);
        for (String text : TEXTS) {
            TokenizedText encoded = t.encode(text);
            for (int i = 0; i < encoded.length(); i++) {
                if (encoded.id(i) < 0 || encoded.id(i) >= t.vocabularySize()) {
                    throw new UncheckedIOException(new IOException("id " + encoded.id(i) + " outside the vocabulary of "
                            + t.vocabularySize()));
                }
            }
        }
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof IOException && FuzzTarget.isSentence(t.getMessage());
    }
}
