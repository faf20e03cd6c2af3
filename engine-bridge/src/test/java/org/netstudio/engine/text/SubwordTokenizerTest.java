package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The all-MiniLM-L6-v2 tokenizer on sentences whose ids were looked up by hand in the vocabulary of
 * its tokenizer.json (e.g. "hello" is 7592, "," 1010, "world" 2088, "!" 999), run by Hugging Face's
 * tokenizers through DJL, offline.
 */
class SubwordTokenizerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SubwordTokenizer tokenizer;

    @BeforeAll
    static void readTokenizer() throws IOException {
        tokenizer = SubwordTokenizer.miniLm();
    }

    @Test
    void theNativeLibraryComesFromTheJarAndLoadsOffline() {
        // Surefire runs with DJL_OFFLINE=true, as the app does; DJL's tokenizers never download their library.
        assertThat(System.getenv("DJL_OFFLINE")).isEqualTo("true");
        if ("amd64".equals(System.getProperty("os.arch")) && System.getProperty("os.name").startsWith("Linux")) {
            assertThat(HuggingFaceTokenizer.class.getResource("/native/lib/linux-x86_64/cpu/libtokenizers.so")).isNotNull();
        }
        assertThat(tokenizer.vocabulary().family()).isEqualTo("WordPiece");
        assertThat(tokenizer.encode("Hello").ids()).containsExactly(101, 7592, 102);
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
        // İ loses its dot as well as its case; "angstrom" is not in the vocabulary as one piece.
        assertThat(tokenizer.tokenize("Ångström İstanbul")).containsExactly("ang", "##strom", "istanbul");
    }

    @Test
    void everyPunctuationCharacterIsATokenOfItsOwn() {
        assertThat(tokenizer.tokenize("I don't know... $100?")).containsExactly("i", "don", "'", "t", "know", ".", ".",
                ".", "$", "100", "?");
        // BERT counts ASCII symbols that Unicode does not call punctuation, and Unicode's dashes and quotes.
        assertThat(tokenizer.tokenize("a^b|c—“d”")).containsExactly("a", "^", "b", "|", "c", "—", "“", "d", "”");
        assertThat(tokenizer.tokenize("(x+y)=z_1")).containsExactly("(", "x", "+", "y", ")", "=", "z", "_", "1");
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
        assertThat(tokenizer.vocabulary().specials()).contains("[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]");
    }

    @Test
    void controlCharactersVanishAndAnyWhiteSpaceSeparates() {
        assertThat(tokenizer.tokenize("hello\tworld\u00A0hello\nwor\u200Bld\u0000")).containsExactly("hello", "world",
                "hello", "world");
        assertThat(tokenizer.tokenize("a b\tc\nd\re\u3000f\u2028g")).containsExactly("a", "b", "c", "d", "e", "f", "g");
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
        // Beyond the file's own 128, as SentenceEncoder uses 256 for all-MiniLM-L6-v2.
        assertThat(tokenizer.withMaxLength(256).encode("word ".repeat(1000)).length()).isEqualTo(256);
    }

    @Test
    void looksUpTokensAndIds() {
        assertThat(tokenizer.vocabularySize()).isEqualTo(30522);
        assertThat(tokenizer.vocabulary().id("hello")).isEqualTo(7592);
        assertThat(tokenizer.vocabulary().id("no-such-token")).isEqualTo(-1);
        assertThat(tokenizer.vocabulary().token(102)).isEqualTo("[SEP]");
        assertThat(tokenizer.padId()).isZero();
    }

    @Test
    void decodesIdsBackIntoWords() {
        assertThat(tokenizer.decode(new int[] {7861, 8270, 4667, 2015})).isEqualTo("embeddings");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {7592, 30522}))
                .hasMessage("Index 30522 at position 2 is outside the vocabulary (0 to 30521)");
    }

    @Test
    void aSmallWordPieceVocabularyBehavesAsSpecified() throws IOException {
        SubwordTokenizer small = read("{\"truncation\":null,\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":false,"
                + "\"clean_text\":true,\"handle_chinese_chars\":true,\"strip_accents\":false},\"pre_tokenizer\":{\"type\":"
                + "\"BertPreTokenizer\"},\"post_processor\":{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",3],\"cls\":"
                + "[\"[CLS]\",2]},\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":"
                + "\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,"
                + "\"un\":4,\"##aff\":5,\"##able\":6,\"Un\":7}}}");
        assertThat(small.maxLength()).isEqualTo(512);
        assertThat(small.encode("unaffable Unaffable unable unknown").tokens()).containsExactly("[CLS]", "un", "##aff",
                "##able", "Un", "##aff", "##able", "un", "##able", "[UNK]", "[SEP]");
        assertThat(small.tokenize("Ünaffable")).isEqualTo(List.of("[UNK]"));
    }

    /**
     * A byte-pair encoding as RoBERTa's and GPT-2's: "lower" is l o w e r, merged by the file's ranks
     * (l+o, lo+w, e+r) into low er; "newest" becomes new est (e+s, es+t, n+e, ne+w, lowest rank first).
     */
    @Test
    void aBytePairEncodingMergesByRankAndFramesWithItsOwnTokens() throws IOException {
        SubwordTokenizer bpe = fixture("tiny-bpe-tokenizer.json");
        assertThat(bpe.vocabulary().family()).isEqualTo("BPE");
        TokenizedText t = bpe.encode("Lower newest low");
        assertThat(t.tokens()).containsExactly("<s>", "low", "er", "new", "est", "low", "</s>");
        assertThat(t.ids()).containsExactly(1, 13, 14, 18, 16, 13, 2);
        assertThat(bpe.encode("lox").ids()).containsExactly(1, 12, 3, 2);
        assertThat(bpe.vocabularySize()).isEqualTo(19);
        assertThat(bpe.padId()).isZero(); // <pad>, the special token that says so
        assertThat(bpe.vocabulary().specials()).containsExactlyInAnyOrder("<pad>", "<s>", "</s>", "<unk>");
    }

    /**
     * A unigram model as T5's and XLM-R's: each word, prefixed with ▁, is split where the pieces'
     * log-probabilities add up highest ("▁hello" at −3 beats "▁he" + "llo" at −8).
     */
    @Test
    void aUnigramModelTakesTheMostLikelySplit() throws IOException {
        SubwordTokenizer unigram = fixture("tiny-unigram-tokenizer.json");
        assertThat(unigram.vocabulary().family()).isEqualTo("Unigram");
        assertThat(unigram.encode("hello world").tokens()).containsExactly("▁hello", "▁world", "</s>");
        assertThat(unigram.encode("hello wold").ids()).containsExactly(5, 4, 13, 12, 8, 2);
        assertThat(unigram.maxLength()).isEqualTo(16);
        assertThat(unigram.vocabularySize()).isEqualTo(18);
        assertThat(unigram.decode(new int[] {5, 6})).isEqualTo("hello world");
    }

    @Test
    void rejectsFilesThatAreNotTokenizersInOneSentenceNamingTheFile() {
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("bad.json: not a JSON tokenizer file (");
        assertThatThrownBy(() -> read("{\"vocab\":{}}"))
                .hasMessage("bad.json: not a Hugging Face tokenizer.json (it has no \"model\" object)");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0,\"b\":0}}}"))
                .hasMessage("bad.json: model.vocab[\"b\"] is 0, the id of \"a\" too, but every token needs an id of its own");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"a\",0],7]}}"))
                .hasMessage("bad.json: model.vocab[1] is 7, but a Unigram vocabulary holds [token, score] pairs");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"Magic\",\"vocab\":{\"a\":0}}}"))
                .hasMessage("bad.json: model.type is \"Magic\", but only WordPiece, BPE, Unigram and WordLevel tokenizers exist");
    }

    @Test
    void aTruncatedFileIsNamedNotAStackTrace() throws IOException {
        byte[] whole;
        try (InputStream in = SubwordTokenizerTest.class.getResourceAsStream(SentenceEncoder.MINILM_TOKENIZER)) {
            whole = in.readAllBytes();
        }
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> SubwordTokenizer.read(new ByteArrayInputStream(half), "cut.json"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cut.json: not a JSON tokenizer file (")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\tat ");
    }

    @Test
    void aHugeOrGappedVocabularyIsRefusedBeforeAnyTableIsMade() {
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0,\"b\":2000000000}}}"))
                .hasMessage("bad.json: model.vocab[\"b\"] is 2000000000, but ids are whole numbers from 0 to 1048575");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0,\"b\":900000}}}"))
                .hasMessage("bad.json: its ids run up to 900000, but it holds only 2 tokens");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0}},\"added_tokens\":[{\"id\":-1,"
                + "\"content\":\"x\"}]}"))
                .hasMessage("bad.json: added_tokens[0].id is -1, but ids are whole numbers from 0 to 1048575");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0}},\"padding\":{\"pad_id\":5}}"))
                .hasMessage("bad.json: padding.pad_id is 5, outside the vocabulary (0 to 0)");
    }

    @Test
    void aFileTheLibraryRefusesIsNamedWithItsReason() {
        // Well-formed JSON whose merges name a token the vocabulary lacks.
        assertThatThrownBy(() -> read("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
                + "\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":"
                + "\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
                + "\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":{\"a\":0},\"merges\":[\"a q\"]}}"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("bad.json: Hugging Face's tokenizers cannot read it (")
                .hasMessageNotContaining("\n");
    }

    /**
     * Files the native library would not refuse but crash on, ending the whole process (found by
     * fuzzing): a template naming an undefined special token, a Unigram token of tens of thousands of
     * characters (freed recursively), a BPE merge shorter than the continuing-subword prefix.
     */
    @Test
    void filesThatWouldCrashTheLibraryAreRefusedFirst() throws IOException {
        ObjectNode undefined = fixtureJson("tiny-bpe-tokenizer.json");
        ((ArrayNode) undefined.with("post_processor").withArray("single")).set(2,
                MAPPER.readTree("{\"SpecialToken\": [\"n\", 0]}"));
        assertThatThrownBy(() -> read(undefined.toString()))
                .hasMessage("bad.json: post_processor.single[2] names the special token \"n\", which"
                        + " post_processor.special_tokens does not define");
        ObjectNode longToken = fixtureJson("tiny-unigram-tokenizer.json");
        ((ArrayNode) longToken.with("model").withArray("vocab").get(5)).set(0, "a".repeat(50_000));
        assertThatThrownBy(() -> read(longToken.toString()))
                .hasMessage("bad.json: model.vocab[5] is a token of 50000 characters, longer than the 1000 a token may"
                        + " have");
        ObjectNode prefix = fixtureJson("tiny-bpe-tokenizer.json");
        prefix.with("model").put("continuing_subword_prefix", "##");
        assertThatThrownBy(() -> read(prefix.toString()))
                .hasMessage("bad.json: model.merges[0] is \"l o\", whose second part does not start with the"
                        + " continuing-subword prefix \"##\"");
    }

    @Test
    void aMissingFileIsNamed() {
        java.nio.file.Path missing = java.nio.file.Path.of("no-such-dir", "tokenizer.json");
        assertThatThrownBy(() -> SubwordTokenizer.read(missing)).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessage(missing + ": no such tokenizer file");
    }

    private static SubwordTokenizer fixture(String name) throws IOException {
        try (InputStream in = SubwordTokenizerTest.class.getResourceAsStream(name)) {
            return SubwordTokenizer.read(in, name);
        }
    }

    private static ObjectNode fixtureJson(String name) throws IOException {
        try (InputStream in = SubwordTokenizerTest.class.getResourceAsStream(name)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    private static SubwordTokenizer read(String json) throws IOException {
        return SubwordTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json");
    }
}
