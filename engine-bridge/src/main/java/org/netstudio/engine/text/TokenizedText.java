package org.netstudio.engine.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text as a transformer reads it: token ids from [CLS] to [SEP] and the tokens they stand for.
 *
 * @param ids       vocabulary ids, [CLS] first and [SEP] last; never padded
 * @param tokens    the token for each id, e.g. ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
 * @param truncated whether word pieces were dropped to keep within the tokenizer's maximum length
 */
public record TokenizedText(int[] ids, List<String> tokens, boolean truncated) {

    public TokenizedText {
        ids = ids.clone();
        tokens = List.copyOf(tokens);
        if (ids.length != tokens.size()) {
            throw new IllegalArgumentException(ids.length + " ids for " + tokens.size() + " tokens");
        }
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The number of tokens, [CLS] and [SEP] included. */
    public int length() {
        return ids.length;
    }

    /** The id at a position, without copying the ids. */
    public int id(int position) {
        return ids[position];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedText t && Arrays.equals(ids, t.ids) && tokens.equals(t.tokens)
                && truncated == t.truncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), tokens, truncated);
    }

    @Override
    public String toString() {
        return "TokenizedText" + tokens + (truncated ? " (truncated)" : "");
    }
}
