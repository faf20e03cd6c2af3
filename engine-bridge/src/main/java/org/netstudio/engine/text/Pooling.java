package org.netstudio.engine.text;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a sentence encoder's token vectors become one sentence embedding, scaled to unit length (a
 * zero vector stays zero, as {@code torch.nn.functional.normalize} keeps it): the mean over the real
 * tokens (sentence-transformers' all-MiniLM-L6-v2, E5), or the first token's vector, BERT's [CLS]
 * (BGE). The gallery's index names it per model ("mean", "cls").
 */
public enum Pooling {

    /** The mean of the real tokens' vectors (mask 1). */
    MEAN,
    /** The first token's vector: the [CLS] token a BERT tokenizer puts first. */
    CLS;

    /** The pooling the index names: "mean" or "cls", ignoring case. */
    public static Pooling named(String name) {
        for (Pooling p : values()) {
            if (p.name().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("no pooling \"" + name + "\" (mean or cls)");
    }

    /** The name the index uses: "mean", "cls". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One unit-length embedding per row.
     *
     * @param hidden b×len×d token vectors, row-major
     * @param mask   b×len, 1 for a real token and 0 for padding
     */
    public float[][] pool(FloatBuffer hidden, long[] mask, int b, int len, int d) {
        float[][] out = new float[b][];
        double[] sum = new double[d];
        for (int r = 0; r < b; r++) {
            Arrays.fill(sum, 0);
            int count = 0;
            for (int p = 0; p < (this == CLS ? Math.min(1, len) : len); p++) {
                if (mask[r * len + p] == 0) {
                    continue;
                }
                count++;
                int base = (r * len + p) * d;
                for (int k = 0; k < d; k++) {
                    sum[k] += hidden.get(base + k);
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                sum[k] /= Math.max(count, 1);
                norm += sum[k] * sum[k];
            }
            double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
            float[] row = new float[d];
            for (int k = 0; k < d; k++) {
                row[k] = (float) (sum[k] * scale);
            }
            out[r] = row;
        }
        return out;
    }
}
