package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.engine.tensor.Scalars;

/**
 * Multi-head scaled dot-product attention, without arrays of its own. Inputs Key {@code (batch,
 * m, k)}, Value {@code (batch, m, v)}, Query {@code (batch, n, k)}; output {@code (batch, n, v)}.
 * Head h uses slice h of size k/heads of the queries and keys and slice h of size v/heads of the
 * values: {@code softmax(Q_h·K_hᵀ / √(k/heads))·V_h}, the heads' results side by side. With mask
 * "causal", query i sees keys 0..i only. In a padded batch, padded keys get no weight; so do the
 * keys a key mask {@code (batch, m)} (inputs after Query) holds 0 for.
 */
final class AttentionKernels {

    /** What a hidden score becomes: finite, so that softmax never sees a row of only −∞. */
    private static final float HIDDEN = 1e30f;

    private AttentionKernels() {
    }

    static LayerKernel of(Params p) {
        int heads = p.getInt("heads");
        boolean causal = "causal".equals(p.getString("mask"));
        return (LayerKernel.Masked) (in, a, training, lengths) -> {
            NDArray key = in.get(0);
            NDArray value = in.get(1);
            NDArray query = in.get(2);
            long batch = query.getShape().get(0);
            long n = query.getShape().get(1);
            long m = key.getShape().get(1);
            long k = key.getShape().get(2);
            long v = value.getShape().get(2);
            NDArray q = split(query, heads);
            NDArray kt = split(key, heads).transpose(0, 1, 3, 2);
            NDArray scores = Scalars.over(q.matMul(kt), Math.sqrt((double) k / heads));
            if (causal) {
                scores = scores.add(causalMask(scores, n, m));
            }
            NDArray keyLengths = lengths.of(0, 1);
            if (keyLengths != null) {
                scores = scores.add(paddingMask(keyLengths, m, scores));
            }
            for (int i = 3; i < in.size(); i++) {
                scores = scores.add(keyMask(in.get(i), scores));
            }
            NDArray weights = scores.softmax(-1);
            NDArray out = weights.matMul(split(value, heads));
            return new NDList(out.transpose(0, 2, 1, 3).reshape(batch, n, v));
        };
    }

    /** {@code (batch, len, d) → (batch, heads, len, d/heads)}. */
    private static NDArray split(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /**
     * 0 at the keys of each example's sequence, a very large negative number at its padding,
     * {@code (batch, 1, 1, m)}: a padded key gets no weight, whatever the query.
     */
    private static NDArray paddingMask(NDArray keyLengths, long m, NDArray like) {
        NDArray real = Lengths.mask(keyLengths, m, like.getDataType());
        return Scalars.times(real.sub(1), HIDDEN).reshape(real.getShape().get(0), 1, 1, m);
    }

    /**
     * 0 at the keys a mask {@code (batch, m)} holds anything but 0 for, a very large negative number
     * where it holds 0, {@code (batch, 1, 1, m)}. The mask may hold integers (a model's attention_mask).
     */
    private static NDArray keyMask(NDArray mask, NDArray like) {
        NDArray hidden = mask.eq(0).toType(like.getDataType(), false);
        return Scalars.times(hidden, -HIDDEN).reshape(mask.getShape().get(0), 1, 1, mask.getShape().get(1));
    }

    /** 0 where query i may see key j (j ≤ i), −∞ elsewhere; {@code (n, m)}, broadcast over batch and heads. */
    private static NDArray causalMask(NDArray like, long n, long m) {
        float[] mask = new float[Math.toIntExact(n * m)];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < m; j++) {
                mask[(int) (i * m + j)] = Float.NEGATIVE_INFINITY;
            }
        }
        return like.getManager().create(mask, new Shape(n, m)).toDevice(like.getDevice(), false);
    }
}
