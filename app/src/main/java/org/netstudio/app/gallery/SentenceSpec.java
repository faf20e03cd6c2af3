package org.netstudio.app.gallery;

import java.util.Objects;
import org.netstudio.engine.text.Pooling;

/**
 * How a gallery sentence encoder reads sentences, as its index entry states it ({@code "embedding"}):
 * which tokenizer.json, how its token vectors are pooled, up to how many tokens, and a prefix before
 * each text.
 *
 * @param tokenizer a class-path resource when it starts with "/" (all-MiniLM-L6-v2's, in its Maven
 *                  artifact), otherwise a file inside the entry's downloaded archive
 * @param pooling   "mean" or "cls"
 * @param maxTokens tokens per text, [CLS] and [SEP] included, as the model was trained
 * @param prefix    written before each text (E5: "query: "); empty for none
 */
public record SentenceSpec(String tokenizer, Pooling pooling, int maxTokens, String prefix) {

    public SentenceSpec {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(pooling, "pooling");
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, not " + maxTokens);
        }
        prefix = prefix == null ? "" : prefix;
    }

    /** Writes it as the index's {@code "embedding"} object (and {@code netstudio gallery --json}) states it. */
    public void writeTo(com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.put("tokenizer", tokenizer);
        o.put("pooling", pooling.label());
        o.put("maxTokens", maxTokens);
        if (!prefix.isEmpty()) {
            o.put("prefix", prefix);
        }
    }

    /** Whether the tokenizer comes with NetStudio (a class-path resource) rather than in a download. */
    public boolean shipped() {
        return tokenizer.startsWith("/");
    }
}
