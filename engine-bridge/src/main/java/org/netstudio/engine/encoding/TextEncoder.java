package org.netstudio.engine.encoding;

import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.netgraph.net.Coder;

/**
 * Text ↔ a sequence of indices, as a net's text encoder ({@code Characters}, {@code Tokens},
 * {@code Subwords}) or per-element decoder defines it. Implementations are immutable and
 * thread-safe; make them with {@link TextEncoders}.
 */
public interface TextEncoder {

    /**
     * Encodes a text.
     *
     * @return one index per unit (character, word, word piece), each in {@code [0, size())}
     * @throws IllegalArgumentException naming the unit and its position when the text holds one the
     *     encoder cannot represent (a character outside an alphabet without U+FFFD)
     */
    int[] encode(String text);

    /** The number of distinct indices: the range of the net input's indices. */
    int size();

    /** What one index stands for, plural, for messages: "characters", "words", "word pieces". */
    String units();

    /**
     * The text of a sequence of indices.
     *
     * @throws IllegalArgumentException when an index is outside {@code [0, size())}
     */
    String decode(int[] indices);

    /** The coder as the net file stores it, with its alphabet or vocabulary written out. */
    Coder coder();

    /**
     * Decodes a net's per-element scores (probabilities or logits), taking the best index of each
     * element.
     *
     * @param scores {@code length × size()} values, element after element
     * @param length the number of elements to decode
     */
    default String decodeScores(float[] scores, int length) {
        int width = size();
        if ((long) length * width > scores.length) {
            throw new IllegalArgumentException("Expected " + length + " elements of " + width + " scores, but got "
                    + scores.length + " values");
        }
        return decode(ArgMax.rows(scores, length, width));
    }
}
