package org.netstudio.engine.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.tensor.TensorValue;

/**
 * Tokenized texts as one batch for a BERT-style encoder: ids padded to the longest text, and an
 * attention mask of 1 for real tokens and 0 for padding, both row-major {@code size × length}.
 *
 * @param ids    token ids, padding filled with the tokenizer's pad id
 * @param mask   1 for a real token, 0 for padding
 * @param size   the number of texts
 * @param length the longest text's length in tokens
 */
public record PaddedBatch(long[] ids, long[] mask, int size, int length) {

    /** The batch of {@code texts}, padded with {@code padId}. */
    public static PaddedBatch of(List<TokenizedText> texts, int padId) {
        int b = texts.size();
        int len = texts.stream().mapToInt(TokenizedText::length).max().orElse(0);
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            TokenizedText t = texts.get(r);
            for (int p = 0; p < t.length(); p++) {
                ids[r * len + p] = t.id(p);
                mask[r * len + p] = 1;
            }
        }
        return new PaddedBatch(ids, mask, b, len);
    }

    /**
     * The batch as the inputs of a BERT-style net run by NetStudio: {@code input_ids} and
     * {@code attention_mask}, and zero {@code token_type_ids} when the net has that input.
     */
    public Map<String, TensorValue> feed(List<String> inputNames) {
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        feed.put("input_ids", TensorValue.of(floats(ids), size, length));
        feed.put("attention_mask", TensorValue.of(floats(mask), size, length));
        if (inputNames.contains("token_type_ids")) {
            feed.put("token_type_ids", TensorValue.of(new float[size * length], size, length));
        }
        return feed;
    }

    /** The same numbers as floats, for a net whose inputs are fed as NetStudio tensors. */
    public static float[] floats(long[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return f;
    }
}
