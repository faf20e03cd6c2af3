package org.netstudio.engine.encoding;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Text ↔ a sequence of character indices over a fixed alphabet (index {@code i} is the {@code i}-th
 * character of the alphabet). Works on Unicode code points, so characters outside the Basic
 * Multilingual Plane count as one. Immutable and thread-safe.
 */
public final class CharacterEncoder {

    private final int[] alphabet;
    private final Map<Integer, Integer> indices;

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
    }

    /** The alphabet as a string. */
    public String alphabet() {
        return new String(alphabet, 0, alphabet.length);
    }

    /** The number of characters: the size of an index's range. */
    public int size() {
        return alphabet.length;
    }

    /**
     * Encodes a text.
     *
     * @param text the text
     * @return one index per character
     * @throws IllegalArgumentException naming the character and its position if one is not in
     *     the alphabet
     */
    public int[] encode(String text) {
        int[] points = text.codePoints().toArray();
        int[] out = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            Integer index = indices.get(points[i]);
            if (index == null) {
                throw new IllegalArgumentException("The character " + describe(points[i]) + " at position " + (i + 1)
                        + " of \"" + text + "\" is not in the alphabet");
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
