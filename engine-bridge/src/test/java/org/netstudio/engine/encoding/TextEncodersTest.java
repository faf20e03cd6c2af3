package org.netstudio.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.net.Coder;

/** The text encoders a net's input may carry: Characters, Tokens and Subwords, declared or built from data. */
class TextEncodersTest {

    @Test
    void anAlphabetBuiltFromTheDataIsItsCharactersSortedThenTheUnknownMark() {
        TextEncoder e = TextEncoders.fit(new Coder("Characters", Map.of()), List.of("bca", "ab"), null);
        assertThat(((CharacterEncoder) e).alphabet()).isEqualTo("abc\uFFFD");
        assertThat(e.encode("cab")).containsExactly(2, 0, 1);
        // A character the training data never held reads as U+FFFD instead of failing.
        assertThat(e.encode("az")).containsExactly(0, 3);
        assertThat(e.coder()).isEqualTo(new Coder("Characters", Map.of("alphabet", "abc\uFFFD")));
    }

    @Test
    void aGivenAlphabetWithoutTheUnknownMarkRefusesOtherCharacters() {
        TextEncoder e = TextEncoders.of(new Coder("Characters", Map.of("alphabet", "ab")), null);
        assertThatThrownBy(() -> e.encode("abc")).hasMessage(
                "The character 'c' (U+0063) at position 3 of \"abc\" is not in the alphabet");
        assertThatThrownBy(() -> TextEncoders.of(new Coder("Characters", Map.of()), null)).hasMessage(
                "The Characters encoder has no alphabet yet; it is built from the training data when the net is trained");
    }

    @Test
    void wordsAreRunsOfLettersAndDigitsAndEachOtherMarkAlone() {
        assertThat(TokenEncoder.words("Don't stop, 3 cats!  Größe", true))
                .containsExactly("don't", "stop", ",", "3", "cats", "!", "größe");
        assertThat(TokenEncoder.words("Hello World", false)).containsExactly("Hello", "World");
    }

    @Test
    void aVocabularyBuiltFromTheDataKeepsFrequentWordsFirstAndTheUnknownTokenAtZero() {
        Coder spec = new Coder("Tokens", Map.of("minCount", 2));
        TokenEncoder e = (TokenEncoder) TextEncoders.fit(spec, List.of("the cat and the dog", "The cat", "a bird"), null);
        assertThat(e.vocabulary()).containsExactly("<unk>", "the", "cat");
        assertThat(e.encode("The bird and the cat")).containsExactly(1, 0, 0, 1, 2);
        assertThat(e.coder().options()).containsEntry("minCount", 2)
                .containsEntry("vocabulary", List.of("<unk>", "the", "cat"));
        // Built again from its own coder, it is the same encoder: the vocabulary lives in the net.
        assertThat(TextEncoders.of(e.coder(), null)).isEqualTo(e);

        TokenEncoder capped = TokenEncoder.build(new Coder("Tokens", Map.of("maxSize", 2, "lowercase", false,
                "unknown", "?")), List.of("b a b A"));
        assertThat(capped.vocabulary()).containsExactly("?", "b");
        assertThat(capped.encode("A b")).containsExactly(0, 1);
    }

    @Test
    void subwordsComeFromMiniLmsTokenizerJson() {
        TextEncoder e = TextEncoders.of(new Coder("Subwords", Map.of("tokenizer", "all-MiniLM-L6-v2")), null);
        assertThat(e.size()).isEqualTo(30522);
        assertThat(e.encode("Hello, world!")).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(e.coder().options()).containsEntry("size", 30522);
        assertThat(e.decode(new int[] {7592, 2088})).isEqualTo("hello world");
    }

    @Test
    void aMissingTokenizerFileIsNamed(@TempDir Path dir) throws Exception {
        Coder coder = new Coder("Subwords", Map.of("tokenizer", "tok.json"));
        assertThatThrownBy(() -> TextEncoders.of(coder, dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(dir.resolve("tok.json") + ": no such tokenizer file (the Subwords encoder's tokenizer)");
        Files.writeString(dir.resolve("tok.json"), "{\"model\": {\"type\": \"BPE\"}}");
        assertThatThrownBy(() -> TextEncoders.of(coder, dir)).hasMessage(dir.resolve("tok.json") + ": model.vocab is"
                + " not a vocabulary (an object of tokens and ids, or a list of [token, score] pairs)");
    }

    @Test
    void subwordsReadBytePairAndUnigramTokenizersWithTheirOwnSizesAndFraming(@TempDir Path dir) throws Exception {
        for (String name : List.of("tiny-bpe-tokenizer.json", "tiny-unigram-tokenizer.json")) {
            try (var in = TextEncodersTest.class.getResourceAsStream("/org/netstudio/engine/text/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        TextEncoder bpe = TextEncoders.of(new Coder("Subwords", Map.of("tokenizer", "tiny-bpe-tokenizer.json")), dir);
        assertThat(bpe.size()).isEqualTo(19);
        assertThat(bpe.coder().options()).containsEntry("size", 19);
        assertThat(bpe.encode("lower newest")).containsExactly(1, 13, 14, 18, 16, 2);
        assertThat(((SubwordEncoder) bpe).padId()).isZero();
        TextEncoder unigram = TextEncoders.of(new Coder("Subwords", Map.of("tokenizer", "tiny-unigram-tokenizer.json")),
                dir);
        assertThat(unigram.size()).isEqualTo(18);
        assertThat(unigram.encode("hello world")).containsExactly(5, 6, 2);
        assertThat(unigram.decode(new int[] {5, 6})).isEqualTo("hello world");
        Coder wrongSize = new Coder("Subwords", Map.of("tokenizer", "tiny-unigram-tokenizer.json", "size", 30522));
        assertThatThrownBy(() -> TextEncoders.of(wrongSize, dir)).hasMessage("tiny-unigram-tokenizer.json: the"
                + " tokenizer has 18 tokens, but the net's Subwords encoder says 30522");
    }

    @Test
    void perElementScoresDecodeToTextByTheBestOfEach() {
        TextEncoder e = new CharacterEncoder("abc");
        float[] scores = {0.1f, 0.8f, 0.1f, /* */ 0.7f, 0.2f, 0.1f, /* */ 0f, 0f, 1f, /* padding */ 1f, 0f, 0f};
        assertThat(e.decodeScores(scores, 3)).isEqualTo("bac");
    }
}
