package org.netstudio.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What NetStudio needs to know of a Hugging Face {@code tokenizer.json} besides how it splits text:
 * its model's family, every token with its id (the model's vocabulary and the added tokens), the
 * padding id and the special tokens, read and checked before the native library sees the file.
 * Immutable.
 */
final class TokenizerVocabulary {

    /**
     * The most ids a vocabulary may hold: four times the largest published ones (262,144), so that a
     * file declaring an absurd id cannot make a net with an embedding table of that many rows.
     */
    static final int MAX_SIZE = 1 << 20;

    /**
     * The longest token, in chars. Published vocabularies stay far below; the library frees a Unigram
     * vocabulary recursively, one level per character, so a token of tens of thousands of characters
     * would overflow the native stack and end the whole process (found by fuzzing).
     */
    static final int MAX_TOKEN_CHARS = 1000;

    /** The most ids without a token a file may leave. */
    private static final int MAX_GAPS = 1024;

    private final String family;
    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final Set<String> specials;
    private final int padId;
    private final int maxLength;

    private TokenizerVocabulary(String family, String[] tokens, Map<String, Integer> ids, Set<String> specials,
                                int padId, int maxLength) {
        this.family = family;
        this.tokens = tokens;
        this.ids = ids;
        this.specials = specials;
        this.padId = padId;
        this.maxLength = maxLength;
    }

    /**
     * Reads the vocabulary of a parsed {@code tokenizer.json}.
     *
     * @param root the file's JSON
     * @param name the file's name, for messages
     * @throws IOException naming the file and the JSON path at fault
     */
    static TokenizerVocabulary of(JsonNode root, String name) throws IOException {
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw new IOException(name + ": not a Hugging Face tokenizer.json (it has no \"model\" object)");
        }
        JsonNode model = root.get("model");
        JsonNode vocab = model.get("vocab");
        Map<Integer, String> byId = new HashMap<>();
        String family;
        if (vocab != null && vocab.isArray()) {
            // Unigram: [token, score] pairs, the id being the position.
            family = model.path("type").asText("Unigram");
            if (vocab.size() > MAX_SIZE) {
                throw tooLarge(name, "model.vocab", vocab.size());
            }
            for (int i = 0; i < vocab.size(); i++) {
                JsonNode pair = vocab.get(i);
                if (!pair.isArray() || pair.isEmpty() || !pair.get(0).isTextual()) {
                    throw new IOException(name + ": model.vocab[" + i + "] is " + shorten(pair)
                            + ", but a Unigram vocabulary holds [token, score] pairs");
                }
                byId.put(i, token(pair.get(0).asText(), name, "model.vocab[" + i + "]"));
            }
        } else if (vocab != null && vocab.isObject() && !vocab.isEmpty()) {
            family = model.path("type").asText(model.has("merges") ? "BPE" : "WordPiece");
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int id = id(e.getValue(), name, "model.vocab[\"" + e.getKey() + "\"]");
                token(e.getKey(), name, "a key of model.vocab");
                if (byId.putIfAbsent(id, e.getKey()) != null) {
                    throw new IOException(name + ": model.vocab[\"" + e.getKey() + "\"] is " + id + ", the id of \""
                            + byId.get(id) + "\" too, but every token needs an id of its own");
                }
            }
        } else {
            throw new IOException(name + ": model.vocab is not a vocabulary (an object of tokens and ids, or a list"
                    + " of [token, score] pairs)");
        }
        if (!Set.of("WordPiece", "BPE", "Unigram", "WordLevel").contains(family)) {
            throw new IOException(name + ": model.type is \"" + family + "\", but only WordPiece, BPE, Unigram and"
                    + " WordLevel tokenizers exist");
        }
        Set<String> specials = new LinkedHashSet<>();
        JsonNode added = root.path("added_tokens");
        for (int i = 0; i < added.size(); i++) {
            JsonNode t = added.get(i);
            if (!t.path("content").isTextual()) {
                throw new IOException(name + ": added_tokens[" + i + "] has no \"content\" text");
            }
            int id = id(t.get("id"), name, "added_tokens[" + i + "].id");
            byId.putIfAbsent(id, token(t.get("content").asText(), name, "added_tokens[" + i + "].content"));
            if (t.path("special").asBoolean(false)) {
                specials.add(t.get("content").asText());
            }
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        // Published files number their tokens without gaps; a wide gap would only inflate the net's tables.
        if (size - byId.size() > MAX_GAPS) {
            throw new IOException(name + ": its ids run up to " + (size - 1) + ", but it holds only " + byId.size()
                    + " tokens");
        }
        String[] tokens = new String[size];
        Map<String, Integer> ids = new HashMap<>(size * 2);
        byId.forEach((id, token) -> {
            tokens[id] = token;
            ids.putIfAbsent(token, id);
        });
        checkPostProcessor(root.path("post_processor"), "post_processor", size, name);
        checkMerges(model, name);
        int maxLength = root.path("truncation").path("max_length").asInt(512);
        if (maxLength < 1) {
            throw new IOException(name + ": truncation.max_length is " + maxLength + ", but a text needs at least one token");
        }
        return new TokenizerVocabulary(family, tokens, Map.copyOf(ids), Set.copyOf(specials),
                padId(root, model, ids, specials, size, name), maxLength);
    }

    // The file's padding id; else its special padding token; else its unknown token; else 0. Padding is
    // masked out, so any valid id serves.
    private static int padId(JsonNode root, JsonNode model, Map<String, Integer> ids, Set<String> specials, int size,
                             String name) throws IOException {
        JsonNode padding = root.path("padding");
        if (padding.has("pad_id")) {
            int id = id(padding.get("pad_id"), name, "padding.pad_id");
            if (id >= size) {
                throw new IOException(name + ": padding.pad_id is " + id + ", outside the vocabulary (0 to " + (size - 1)
                        + ")");
            }
            return id;
        }
        for (String s : specials) {
            if (s.toLowerCase(java.util.Locale.ROOT).contains("pad")) {
                return ids.get(s);
            }
        }
        if (model.path("unk_id").canConvertToInt() && model.get("unk_id").asInt() >= 0
                && model.get("unk_id").asInt() < size) {
            return model.get("unk_id").asInt();
        }
        return ids.getOrDefault(model.path("unk_token").asText(""), 0);
    }

    /**
     * Checks what the native library trusts: a template names only special tokens the file defines
     * (a missing one aborts the whole process in the library), with ids inside the vocabulary.
     */
    private static void checkPostProcessor(JsonNode p, String path, int size, String name) throws IOException {
        if (!p.isObject()) {
            return;
        }
        // By the fields present, not by "type": the library reads processors as an untagged enum.
        JsonNode all = p.path("processors");
        for (int i = 0; i < all.size(); i++) {
            checkPostProcessor(all.get(i), path + ".processors[" + i + "]", size, name);
        }
        for (String field : List.of("cls", "sep")) {
            if (p.has(field)) {
                JsonNode pair = p.get(field);
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
                    throw new IOException(name + ": " + path + "." + field + " is " + shorten(pair)
                            + ", not a [token, id] pair");
                }
                inVocabulary(id(pair.get(1), name, path + "." + field + "[1]"), size, name, path + "." + field);
            }
        }
        JsonNode specials = p.path("special_tokens");
        for (String template : List.of("single", "pair")) {
            JsonNode pieces = p.path(template);
            for (int i = 0; i < pieces.size(); i++) {
                JsonNode special = pieces.get(i).path("SpecialToken");
                // A piece is {"SpecialToken": {"id": …}} or, as serde also reads it, {"SpecialToken": [id, …]}.
                JsonNode id = special.isArray() ? special.path(0) : special.path("id");
                if (!special.isMissingNode() && !(id.isTextual() && specials.path(id.asText()).isObject())) {
                    throw new IOException(name + ": " + path + "." + template + "[" + i + "] names the special token "
                            + shorten(id) + ", which " + path + ".special_tokens does not define");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = specials.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + ".special_tokens[\"" + e.getKey() + "\"]";
            JsonNode ids = e.getValue().path("ids");
            if (!ids.isArray() || ids.size() != e.getValue().path("tokens").size()) {
                throw new IOException(name + ": " + at + " needs as many ids as tokens");
            }
            for (int i = 0; i < ids.size(); i++) {
                inVocabulary(id(ids.get(i), name, at + ".ids[" + i + "]"), size, name, at);
            }
        }
    }

    /**
     * A BPE merge joins two tokens, the second written with the model's continuing-subword prefix;
     * one shorter than the prefix aborts the whole process in the library (found by fuzzing).
     */
    private static void checkMerges(JsonNode model, String name) throws IOException {
        String prefix = model.path("continuing_subword_prefix").isTextual()
                ? model.get("continuing_subword_prefix").asText() : "";
        if (prefix.isEmpty()) {
            return;
        }
        JsonNode merges = model.path("merges");
        for (int i = 0; i < merges.size(); i++) {
            JsonNode m = merges.get(i);
            String second = m.isArray() ? m.path(1).asText("") : m.asText("").substring(m.asText("").indexOf(' ') + 1);
            if (!second.startsWith(prefix)) {
                throw new IOException(name + ": model.merges[" + i + "] is " + shorten(m) + ", whose second part does"
                        + " not start with the continuing-subword prefix " + shorten(model.get("continuing_subword_prefix")));
            }
        }
    }

    private static void inVocabulary(int id, int size, String name, String path) throws IOException {
        if (id >= size) {
            throw new IOException(name + ": " + path + " has the id " + id + ", outside the vocabulary (0 to "
                    + (size - 1) + ")");
        }
    }

    private static int id(JsonNode value, String name, String path) throws IOException {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0
                || value.asLong() >= MAX_SIZE) {
            throw new IOException(name + ": " + path + " is " + shorten(value) + ", but ids are whole numbers from 0 to "
                    + (MAX_SIZE - 1));
        }
        return value.asInt();
    }

    private static String token(String token, String name, String path) throws IOException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new IOException(name + ": " + path + " is a token of " + token.length() + " characters, longer than the "
                    + MAX_TOKEN_CHARS + " a token may have");
        }
        return token;
    }

    private static IOException tooLarge(String name, String path, long size) {
        return new IOException(name + ": " + path + " holds " + size + " tokens, more than the " + MAX_SIZE
                + " a tokenizer may have");
    }

    private static String shorten(JsonNode value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The model's family: WordPiece, BPE, Unigram or WordLevel. */
    String family() {
        return family;
    }

    /** Ids run from 0 to this minus one. */
    int size() {
        return tokens.length;
    }

    /** The token of an id, or the empty text for an id in a gap of the file's ids. */
    String token(int id) {
        java.util.Objects.checkIndex(id, tokens.length);
        return tokens[id] == null ? "" : tokens[id];
    }

    /** The id of a token, or -1. */
    int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    /** The contents of the added tokens the file marks special ("[CLS]", "&lt;s&gt;", "&lt;pad&gt;"). */
    Set<String> specials() {
        return specials;
    }

    int padId() {
        return padId;
    }

    /** The file's truncation length, or 512 when it sets none. */
    int maxLength() {
        return maxLength;
    }
}
