package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The all-MiniLM-L6-v2 tokenizer on sentences whose ids were looked up by hand in the vocabulary of
 * its tokenizer.json (e.g. "hello" is 7592, "," 1010, "world" 2088, "!" 999).
 */
class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void readTokenizer() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream(SentenceEncoder.MINILM_TOKENIZER)) {
            tokenizer = WordPieceTokenizer.read(in, "tokenizer.json");
        }
    }

    @Test
    void framesWordsAndPunctuationWithClsAndSep() {
        TokenizedText t = tokenizer.encode("Hello, world!");
        assertThat(t.tokens()).containsExactly("[CLS]", "hello", ",", "world", "!", "[SEP]");
        assertThat(t.ids()).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(t.truncated()).isFalse();
    }

    @Test
    void splitsUnknownWordsIntoTheLongestPiecesFromTheLeft() {
        assertThat(tokenizer.tokenize("embeddings")).containsExactly("em", "##bed", "##ding", "##s");
        assertThat(tokenizer.encode("embeddings").ids()).containsExactly(101, 7861, 8270, 4667, 2015, 102);
        assertThat(tokenizer.tokenize("Tokenizer")).containsExactly("token", "##izer");
        // "nets" is longer than "net", so it wins although "netstudio" reads as net + studio.
        assertThat(tokenizer.tokenize("NetStudio")).containsExactly("nets", "##tu", "##dio");
    }

    @Test
    void lowerCasesAndStripsAccents() {
        assertThat(tokenizer.tokenize("CAFÉ naïve Résumé")).containsExactly("cafe", "naive", "resume");
        assertThat(tokenizer.encode("CAFÉ").ids()).containsExactly(101, 7668, 102);
    }

    @Test
    void everyPunctuationCharacterIsATokenOfItsOwn() {
        assertThat(tokenizer.tokenize("I don't know... $100?")).containsExactly("i", "don", "'", "t", "know", ".", ".",
                ".", "$", "100", "?");
        // BERT counts ASCII symbols that Unicode does not call punctuation, and Unicode's dashes and quotes.
        assertThat(tokenizer.tokenize("a^b|c—“d”")).containsExactly("a", "^", "b", "|", "c", "—", "“", "d", "”");
    }

    @Test
    void chineseCharactersAreWordsOfTheirOwn() {
        assertThat(tokenizer.encode("中国文").ids()).containsExactly(101, 1746, 1799, 1861, 102);
    }

    @Test
    void aWordWithAPartNoPieceMatchesIsUnknown() {
        assertThat(tokenizer.tokenize("hello ☃snow 😀 world")).containsExactly("hello", "[UNK]", "[UNK]", "world");
        assertThat(tokenizer.encode("☃").ids()).containsExactly(101, 100, 102);
        String longWord = "a".repeat(101);
        assertThat(tokenizer.tokenize(longWord)).containsExactly("[UNK]");
    }

    @Test
    void specialTokensWrittenInTheTextStandForThemselves() {
        assertThat(tokenizer.encode("Hello [MASK] world[SEP]").ids()).containsExactly(101, 7592, 103, 2088, 102, 102);
        // Lower-case is not special: it is split as punctuation and words.
        assertThat(tokenizer.tokenize("[mask]")).containsExactly("[", "mask", "]");
    }

    @Test
    void controlCharactersVanishAndAnyWhiteSpaceSeparates() {
        assertThat(tokenizer.tokenize("hello\tworld\u00A0hello\nwor\u200Bld\u0000")).containsExactly("hello", "world",
                "hello", "world");
    }

    @Test
    void emptyAndBlankTextsAreJustClsAndSep() {
        assertThat(tokenizer.encode("").ids()).containsExactly(101, 102);
        assertThat(tokenizer.encode(" \t\n ").tokens()).containsExactly("[CLS]", "[SEP]");
    }

    @Test
    void truncatesAtTheEndToTheMaximumLength() {
        assertThat(tokenizer.maxLength()).isEqualTo(128); // the file's truncation.max_length
        TokenizedText t = tokenizer.withMaxLength(5).encode("Hello, world! Hello again.");
        assertThat(t.tokens()).containsExactly("[CLS]", "hello", ",", "world", "[SEP]");
        assertThat(t.truncated()).isTrue();
        TokenizedText exact = tokenizer.withMaxLength(6).encode("Hello, world!");
        assertThat(exact.length()).isEqualTo(6);
        assertThat(exact.truncated()).isFalse();
        TokenizedText huge = tokenizer.encode("word ".repeat(100_000));
        assertThat(huge.length()).isEqualTo(128);
        assertThat(huge.id(127)).isEqualTo(102);
    }

    @Test
    void looksUpTokensAndIds() {
        assertThat(tokenizer.vocabularySize()).isEqualTo(30522);
        assertThat(tokenizer.id("hello")).isEqualTo(7592);
        assertThat(tokenizer.id("no-such-token")).isEqualTo(-1);
        assertThat(tokenizer.token(102)).isEqualTo("[SEP]");
        assertThat(tokenizer.padId()).isZero();
    }

    @Test
    void rejectsFilesThatAreNotWordPieceTokenizersNamingTheFile() {
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("bad.json").hasMessageContaining("BPE");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[CLS]\":0,\"[SEP]\":1}}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("no [UNK] token");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0,\"b\":0}}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("model.vocab[\"b\"]");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IOException.class).hasMessageContaining("bad.json");
    }

    @Test
    void aSmallVocabularyBehavesAsSpecified() throws IOException {
        WordPieceTokenizer small = read("{\"truncation\":null,\"normalizer\":{\"lowercase\":false},\"model\":{\"type\":"
                + "\"WordPiece\",\"unk_token\":\"[UNK]\",\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,"
                + "\"un\":4,\"##aff\":5,\"##able\":6,\"Un\":7}}}");
        assertThat(small.maxLength()).isEqualTo(512);
        assertThat(small.encode("unaffable Unaffable unable unknown").tokens()).containsExactly("[CLS]", "un", "##aff", "##able",
                "Un", "##aff", "##able", "un", "##able", "[UNK]", "[SEP]");
        assertThat(small.tokenize("Ünaffable")).isEqualTo(List.of("[UNK]"));
    }

    private static WordPieceTokenizer read(String json) throws IOException {
        return WordPieceTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json");
    }
}
