package org.netstudio.engine.encoding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;

/**
 * Text ↔ a sequence of word indices over a vocabulary: the {@code Tokens} encoder. A text splits
 * into words (runs of letters, digits and marks, with an apostrophe between letters kept inside,
 * as in "don't") and single other visible characters (punctuation, symbols); white space only
 * separates. Words are lower-cased first when the coder says so (the default), and a word outside
 * the vocabulary becomes the unknown token. Immutable and thread-safe.
 */
public final class TokenEncoder implements TextEncoder {

    private final List<String> vocabulary;
    private final Map<String, Integer> ids;
    private final int unknown;
    private final boolean lowercase;
    private final Coder coder;

    private TokenEncoder(List<String> vocabulary, Coder coder) {
        this.vocabulary = List.copyOf(vocabulary);
        this.coder = coder;
        Map<String, Integer> map = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < this.vocabulary.size(); i++) {
            if (map.put(this.vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("The token \"" + this.vocabulary.get(i)
                        + "\" appears twice in the vocabulary");
            }
        }
        this.ids = map;
        String unknownToken = Coders.unknownToken(coder);
        Integer u = map.get(unknownToken);
        if (u == null) {
            throw new IllegalArgumentException("The vocabulary must hold the unknown token \"" + unknownToken + "\"");
        }
        this.unknown = u;
        this.lowercase = Coders.flag(coder.options(), "lowercase", true);
    }

    /**
     * The encoder of a {@code Tokens} coder that holds its vocabulary.
     *
     * @throws IllegalArgumentException when the coder has no vocabulary or an invalid one
     */
    public static TokenEncoder of(Coder coder) {
        Objects.requireNonNull(coder, "coder");
        Coders.typeOf(coder, true);
        if (!(coder.options().get("vocabulary") instanceof List<?> v)) {
            throw new IllegalArgumentException("This Tokens encoder has no vocabulary yet; it is built from the"
                    + " training data when the net is trained");
        }
        return new TokenEncoder(v.stream().map(String::valueOf).toList(), coder);
    }

    /**
     * Builds the vocabulary of a {@code Tokens} coder from training texts: the unknown token, then
     * every word seen at least {@code minCount} times (default 1), most frequent first (ties in
     * alphabetical order), at most {@code maxSize} entries in all (when set).
     *
     * @param spec  the coder as the net declares it; its other options are kept
     * @param texts the training texts
     * @return the encoder, whose {@link #coder()} holds the vocabulary
     */
    public static TokenEncoder build(Coder spec, Iterable<String> texts) {
        Objects.requireNonNull(spec, "spec");
        Coders.typeOf(spec, true);
        boolean lower = Coders.flag(spec.options(), "lowercase", true);
        int minCount = spec.options().get("minCount") instanceof Integer m ? m : 1;
        int maxSize = spec.options().get("maxSize") instanceof Integer m ? m : Integer.MAX_VALUE;
        String unknownToken = Coders.unknownToken(spec);
        Map<String, Integer> counts = new HashMap<>();
        for (String t : texts) {
            for (String w : words(t, lower)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        counts.remove(unknownToken);
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> vocabulary = new ArrayList<>(Math.min(kept.size() + 1, maxSize));
        vocabulary.add(unknownToken);
        for (int i = 0; i < kept.size() && vocabulary.size() < maxSize; i++) {
            vocabulary.add(kept.get(i).getKey());
        }
        Map<String, Object> options = new LinkedHashMap<>(spec.options());
        options.put("vocabulary", vocabulary);
        return new TokenEncoder(vocabulary, new Coder("Tokens", options));
    }

    /**
     * The words of a text as this encoder splits it.
     *
     * @param text      any text
     * @param lowercase whether to lower-case them
     */
    public static List<String> words(String text, boolean lowercase) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            int next = i + Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                i = next;
            } else if (isWordPart(c)) {
                int end = next;
                while (end < n) {
                    int d = s.codePointAt(end);
                    int after = end + Character.charCount(d);
                    if (isWordPart(d)) {
                        end = after;
                    } else if ((d == '\'' || d == '\u2019') && after < n && isWordPart(s.codePointAt(after))) {
                        end = after;
                    } else {
                        break;
                    }
                }
                out.add(s.substring(i, end));
                i = end;
            } else {
                out.add(s.substring(i, next));
                i = next;
            }
        }
        return out;
    }

    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** The tokens, index by index. */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The index words outside the vocabulary become. */
    public int unknownIndex() {
        return unknown;
    }

    @Override
    public int[] encode(String text) {
        List<String> w = words(text, lowercase);
        int[] out = new int[w.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(w.get(i), unknown);
        }
        return out;
    }

    @Override
    public int size() {
        return vocabulary.size();
    }

    @Override
    public String units() {
        return "words";
    }

    /** The tokens separated by single spaces. */
    @Override
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= vocabulary.size()) {
                throw new IllegalArgumentException("Index " + indices[i] + " at position " + (i + 1)
                        + " is outside the vocabulary (0 to " + (vocabulary.size() - 1) + ")");
            }
            sb.append(i == 0 ? "" : " ").append(vocabulary.get(indices[i]));
        }
        return sb.toString();
    }

    @Override
    public Coder coder() {
        return coder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenEncoder t && t.coder.equals(coder);
    }

    @Override
    public int hashCode() {
        return coder.hashCode();
    }

    @Override
    public String toString() {
        return "TokenEncoder[" + vocabulary.size() + " tokens]";
    }
}
