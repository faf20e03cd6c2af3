package org.netstudio.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BERT's WordPiece tokenizer, read from a HuggingFace {@code tokenizer.json}: basic tokenisation
 * ({@link BertTextSplitter}), then each word split greedily into the longest pieces of the
 * vocabulary, pieces after the first prefixed with "##" ("embedding" → em ##bed ##ding). A word
 * with a part no piece matches, or longer than the file's limit (100 characters), becomes [UNK].
 * The file's special tokens written in a text ("[MASK]") stand for themselves. The text is framed
 * by [CLS] and [SEP] and truncated at the end to the maximum length, which counts both. Immutable
 * and thread-safe.
 */
public final class WordPieceTokenizer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Integer> vocabulary;
    private final Map<String, Integer> specials;
    private final String[] tokens;
    private final BertTextSplitter splitter;
    private final String prefix;
    private final int maxWordChars;
    private final int maxLength;
    private final int cls;
    private final int sep;
    private final int unk;
    private final int pad;

    private WordPieceTokenizer(Map<String, Integer> vocabulary, Map<String, Integer> specials, String[] tokens,
                               BertTextSplitter splitter, String prefix, int maxWordChars, int maxLength, int cls,
                               int sep, int unk, int pad) {
        this.vocabulary = vocabulary;
        this.specials = specials;
        this.tokens = tokens;
        this.splitter = splitter;
        this.prefix = prefix;
        this.maxWordChars = maxWordChars;
        this.maxLength = maxLength;
        this.cls = cls;
        this.sep = sep;
        this.unk = unk;
        this.pad = pad;
    }

    /**
     * Reads a HuggingFace {@code tokenizer.json} whose model is WordPiece. The maximum length is
     * the file's truncation length, or 512 (BERT's positions) when the file sets none.
     *
     * @param json the file's content; not closed
     * @param name the file's name, for messages
     * @throws IOException when the content is not JSON or not a WordPiece tokenizer; the message
     *     names the file and the JSON path at fault
     */
    public static WordPieceTokenizer read(InputStream json, String name) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IOException(name + ": not a JSON tokenizer file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(name + ": not a JSON tokenizer file");
        }
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException(name + ": model.type is \"" + model.path("type").asText()
                    + "\", but only WordPiece tokenizers are supported");
        }
        JsonNode vocab = model.get("vocab");
        if (vocab == null || !vocab.isObject() || vocab.isEmpty()) {
            throw new IOException(name + ": model.vocab is not an object of tokens and ids");
        }
        Map<String, Integer> ids = new HashMap<>(vocab.size() * 2);
        String[] tokens = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (!e.getValue().isInt() || id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IOException(name + ": model.vocab[\"" + e.getKey() + "\"] is " + e.getValue()
                        + ", but ids must be distinct whole numbers from 0 to " + (tokens.length - 1));
            }
            tokens[id] = e.getKey();
            ids.put(e.getKey(), id);
        }
        JsonNode normalizer = root.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        // As in HuggingFace's BertNormalizer: no explicit setting means "strip accents when lower-casing".
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.booleanValue() : lowercase;
        boolean splitCjk = normalizer.path("handle_chinese_chars").asBoolean(true);
        int maxLength = root.path("truncation").path("max_length").asInt(512);
        if (maxLength < 2) {
            throw new IOException(name + ": truncation.max_length is " + maxLength + ", but [CLS] and [SEP] need 2");
        }
        String unkToken = model.path("unk_token").asText("[UNK]");
        Map<String, Integer> specials = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            if (t.path("special").asBoolean(false) && t.path("content").isTextual() && ids.containsKey(t.path("content").asText())) {
                specials.put(t.path("content").asText(), ids.get(t.path("content").asText()));
            }
        }
        return new WordPieceTokenizer(Map.copyOf(ids), Map.copyOf(specials), tokens, new BertTextSplitter(lowercase, stripAccents, splitCjk),
                model.path("continuing_subword_prefix").asText("##"), model.path("max_input_chars_per_word").asInt(100),
                maxLength, special(ids, "[CLS]", name), special(ids, "[SEP]", name), special(ids, unkToken, name),
                special(ids, "[PAD]", name));
    }

    private static int special(Map<String, Integer> ids, String token, String name) throws IOException {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IOException(name + ": the vocabulary has no " + token + " token");
        }
        return id;
    }

    /**
     * The same tokenizer with another maximum length.
     *
     * @param maxLength tokens per text, [CLS] and [SEP] included; at least 2
     */
    public WordPieceTokenizer withMaxLength(int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 ([CLS] and [SEP]), but is " + maxLength);
        }
        return new WordPieceTokenizer(vocabulary, specials, tokens, splitter, prefix, maxWordChars, maxLength, cls, sep,
                unk, pad);
    }

    /** Tokens per text at most, [CLS] and [SEP] included. */
    public int maxLength() {
        return maxLength;
    }

    /** The number of tokens in the vocabulary: ids run from 0 to this minus one. */
    public int vocabularySize() {
        return tokens.length;
    }

    /** The id of [PAD], which fills the short texts of a batch. */
    public int padId() {
        return pad;
    }

    /** The id of a token, or -1 when the vocabulary has no such token. */
    public int id(String token) {
        return vocabulary.getOrDefault(token, -1);
    }

    /** The token of an id. */
    public String token(int id) {
        Objects.checkIndex(id, tokens.length);
        return tokens[id];
    }

    /**
     * Tokenizes a text for the model: [CLS], its word pieces, [SEP], truncated to {@link #maxLength()}.
     *
     * @param text any text, possibly empty (then just [CLS] [SEP])
     */
    public TokenizedText encode(String text) {
        List<Integer> pieces = pieces(Objects.requireNonNull(text, "text"), maxLength - 2);
        boolean truncated = pieces.size() > maxLength - 2;
        int n = Math.min(pieces.size(), maxLength - 2);
        int[] ids = new int[n + 2];
        List<String> names = new ArrayList<>(n + 2);
        ids[0] = cls;
        names.add(tokens[cls]);
        for (int i = 0; i < n; i++) {
            ids[i + 1] = pieces.get(i);
            names.add(tokens[ids[i + 1]]);
        }
        ids[n + 1] = sep;
        names.add(tokens[sep]);
        return new TokenizedText(ids, names, truncated);
    }

    /** The word pieces of a text, without [CLS], [SEP] or truncation. */
    public List<String> tokenize(String text) {
        return pieces(Objects.requireNonNull(text, "text"), Integer.MAX_VALUE).stream().map(i -> tokens[i]).toList();
    }

    // Stops one piece past the limit, so that a long text costs no more than the part that is kept
    // and the caller can still tell it was truncated.
    // The file's special tokens ("[SEP]", "[MASK]") are matched in the raw text first, as HuggingFace does.
    private List<Integer> pieces(String text, int limit) {
        List<Integer> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.length();
            String special = null;
            for (String s : specials.keySet()) {
                int i = text.indexOf(s, from);
                if (i >= 0 && (i < at || (i == at && special != null && s.length() > special.length()))) {
                    at = i;
                    special = s;
                }
            }
            for (String word : splitter.split(text.substring(from, at))) {
                addPieces(word, out);
                if (out.size() > limit) {
                    return out;
                }
            }
            if (special == null) {
                return out;
            }
            out.add(specials.get(special));
            from = at + special.length();
        }
    }

    private void addPieces(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxWordChars) {
            out.add(unk);
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (end > start) {
                String piece = start == 0 ? word.substring(start, end) : prefix + word.substring(start, end);
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 >= start ? end - 2 : end - 1;
            }
            if (found == null) {
                out.add(unk);
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }
}
