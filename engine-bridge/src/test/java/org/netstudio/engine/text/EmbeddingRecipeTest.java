package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A recipe reads each text as its model expects: E5's prefix before it, at the model's maximum length. */
class EmbeddingRecipeTest {

    @Test
    void thePrefixIsWrittenBeforeEachText() throws Exception {
        SubwordTokenizer wordPieces = SubwordTokenizer.miniLm();
        EmbeddingRecipe e5 = new EmbeddingRecipe(wordPieces, Pooling.MEAN, "query: ");

        List<TokenizedText> read = e5.encode(List.of("how much protein should a female eat", "summit"));

        assertThat(read.get(0).tokens()).startsWith("[CLS]", "query", ":", "how");
        assertThat(read.get(1).ids()).containsExactly(wordPieces.encode("query: summit").ids());
        assertThat(EmbeddingRecipe.miniLm().encode(List.of("summit")).get(0).ids())
                .as("no prefix for MiniLM").containsExactly(wordPieces.encode("summit").ids());
        assertThat(EmbeddingRecipe.miniLm().tokenizer().maxLength()).isEqualTo(SentenceEncoder.MINILM_MAX_TOKENS);
    }
}
