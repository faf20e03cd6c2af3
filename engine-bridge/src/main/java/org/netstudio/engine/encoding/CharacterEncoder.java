package org.netstudio.engine.encoding;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;

/**
 * Text ↔ a sequence of character indices over a fixed alphabet (index {@code i} is the {@code i}-th
 * character of the alphabet): the {@code Characters} encoder and per-element decoder. Works on
 * Unicode code points, so characters outside the Basic Multilingual Plane count as one. When the
 * alphabet holds U+FFFD (�), every character outside it is encoded as that one; otherwise such a
 * character is an error. Immutable and thread-safe.
 */
public final class CharacterEncoder implements TextEncoder {

    private final int[] alphabet;
    private final Map<Integer, Integer> indices;
    /** The index of U+FFFD, or -1 when the alphabet lacks it. */
    private final int unknown;

    /**
     * Creates an encoder.
     *
     * @param alphabet the characters, each once, at least one
     */
    public CharacterEncoder(String alphabet) {
        Objects.requireNonNull(alphabet, "alphabet");
        this.alphabet = alphabet.codePoints().toArray();
        if (this.alphabet.length == 0) {
            throw new IllegalArgumentException("An alphabet needs at least one character");
        }
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < this.alphabet.length; i++) {
            if (map.put(this.alphabet[i], i) != null) {
                throw new IllegalArgumentException("The character " + describe(this.alphabet[i])
                        + " appears twice in the alphabet");
            }
        }
        this.indices = Map.copyOf(map);
        this.unknown = map.getOrDefault(Coders.UNKNOWN_CHARACTER, -1);
    }

    /**
     * The alphabet of a set of texts, as the {@code Characters} encoder builds it from training
     * data: every character they hold, sorted by code point, then U+FFFD for those they do not.
     *
     * @param texts the training texts
     * @return the encoder
     */
    public static CharacterEncoder build(Iterable<String> texts) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String t : texts) {
            t.codePoints().forEach(seen::add);
        }
        seen.remove(Coders.UNKNOWN_CHARACTER);
        StringBuilder sb = new StringBuilder(seen.size() + 1);
        seen.forEach(sb::appendCodePoint);
        sb.appendCodePoint(Coders.UNKNOWN_CHARACTER);
        return new CharacterEncoder(sb.toString());
    }

    /** The alphabet as a string. */
    public String alphabet() {
        return new String(alphabet, 0, alphabet.length);
    }

    /** The number of characters: the size of an index's range. */
    @Override
    public int size() {
        return alphabet.length;
    }

    @Override
    public String units() {
        return "characters";
    }

    @Override
    public Coder coder() {
        return new Coder("Characters", Map.of("alphabet", alphabet()));
    }

    /**
     * Encodes a text.
     *
     * @param text the text
     * @return one index per character
     * @throws IllegalArgumentException naming the character and its position if one is not in
     *     the alphabet (and the alphabet has no U+FFFD to stand for it)
     */
    @Override
    public int[] encode(String text) {
        int[] points = text.codePoints().toArray();
        int[] out = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            Integer index = indices.get(points[i]);
            if (index == null && unknown >= 0) {
                index = unknown;
            }
            if (index == null) {
                throw new IllegalArgumentException("The character " + describe(points[i]) + " at position " + (i + 1)
                        + " of \"" + excerpt(text) + "\" is not in the alphabet");
            }
            out[i] = index;
        }
        return out;
    }

    /**
     * Decodes indices into text.
     *
     * @param indices indices from 0 to {@code size() - 1}
     * @return the text
     */
    @Override
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index < 0 || index >= alphabet.length) {
                throw new IllegalArgumentException("Index " + index + " at position " + (i + 1)
                        + " is outside the alphabet (0 to " + (alphabet.length - 1) + ")");
            }
            sb.appendCodePoint(alphabet[index]);
        }
        return sb.toString();
    }

    /** A long text cut to its first 40 characters, for messages. */
    private static String excerpt(String text) {
        return text.codePointCount(0, text.length()) <= 40 ? text
                : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }

    private static String describe(int codePoint) {
        return String.format("'%s' (U+%04X)", new String(Character.toChars(codePoint)), codePoint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharacterEncoder c && java.util.Arrays.equals(c.alphabet, alphabet);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(alphabet);
    }

    @Override
    public String toString() {
        return "CharacterEncoder[" + alphabet() + "]";
    }
}
