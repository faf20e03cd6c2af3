package org.netstudio.engine.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * How a BERT-style encoder reads sentences and turns its token vectors into embeddings: the
 * tokenizer (at the maximum length the model was trained on), the pooling, and a prefix written
 * before every text (E5 expects "query: "). The gallery's index states it per model.
 *
 * @param tokenizer the model's tokenizer, truncating at its maximum length
 * @param pooling   how token vectors become one vector
 * @param prefix    written before each text; empty for none
 */
public record EmbeddingRecipe(SubwordTokenizer tokenizer, Pooling pooling, String prefix) {

    public EmbeddingRecipe {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(pooling, "pooling");
        prefix = prefix == null ? "" : prefix;
    }

    /**
     * all-MiniLM-L6-v2's, from the class path: its tokenizer at {@link SentenceEncoder#MINILM_MAX_TOKENS}, mean pooling.
     *
     * @throws UncheckedIOException when this build lacks the tokenizer
     */
    public static EmbeddingRecipe miniLm() {
        try {
            return new EmbeddingRecipe(SubwordTokenizer.miniLm().withMaxLength(SentenceEncoder.MINILM_MAX_TOKENS),
                    Pooling.MEAN, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The texts as token ids, each with the prefix before it. */
    public List<TokenizedText> encode(List<String> texts) {
        return texts.stream().map(t -> tokenizer.encode(prefix + t)).toList();
    }
}
