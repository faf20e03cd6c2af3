package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Multi-head scaled dot-product attention without learnable arrays: the projections of queries,
 * keys and values are ordinary Linear layers around it, as in a Transformer block. Each of the
 * {@code heads} heads attends with its slice of size q/heads of the queries and keys and returns
 * its slice of the values; with {@code mask} "causal", position i sees keys 0..i only. Any number
 * of key masks ({@code Mask1}, {@code Mask2}, …; none by default) hide more keys: one number per
 * key, 0 where the key is hidden from every query, anything else where it is seen — a BERT model's
 * {@code attention_mask}, so a padded batch given with its mask computes what the model computes.
 */
final class AttentionLayers {

    private static final PortRequirement SEQUENCE = PortRequirement.realOfRank(2, 2, "a sequence of vectors (m×d)");

    /** Numbers of any kind (a model's integer attention mask, or reals), one per key. */
    private static final PortRequirement KEY_MASK = new PortRequirement(ElementKind.ANY, 1, 1,
            "one number per key (m): 0 where the key is hidden, else seen");

    private AttentionLayers() {
    }

    static LayerType attention() {
        return LayerType.builder("Attention", Category.SEQUENCE)
                .aliases("MultiHeadAttention", "DotProductAttention")
                .doc("Multi-head scaled dot-product attention: each query takes a softmax-weighted mean of the values,"
                        + " weighted by its dot products with the keys. Key masks (Mask1, Mask2, …; none unless wired) hide"
                        + " the keys they hold 0 for from every query, as a BERT model's attention_mask does.")
                .param(ParamSpec.optional("heads", ParamKind.INT, 1, 1.0, "Number of heads; the query, key and value sizes must divide by it."))
                .param(ParamSpec.optional("keySize", ParamKind.INT, null, 1.0, "Size of each head's query and key slice (checked: query size / heads)."))
                .param(ParamSpec.choice("mask", "none", List.of("none", "causal"), "\"causal\": each position attends only to itself and earlier ones."))
                .keyParams("heads")
                .input("Key", SEQUENCE)
                .input("Value", SEQUENCE)
                .input("Query", SEQUENCE)
                .variadicInput("Mask", KEY_MASK, 0)
                .shape((p, in) -> {
                    TensorType key = in.get(0);
                    TensorType value = in.get(1);
                    TensorType query = in.get(2);
                    int heads = p.getInt("heads");
                    if (key.rankKnown() && value.rankKnown() && key.dim(0).unify(value.dim(0)) == null) {
                        return rejectInput(1, "keys and values must have the same length, but there are " + key.dim(0)
                                + " keys and " + value.dim(0) + " values");
                    }
                    if (key.rankKnown() && query.rankKnown() && key.dim(1).unify(query.dim(1)) == null) {
                        return rejectInput(2, "queries and keys must have the same size for their dot products, but they are "
                                + query.dim(1) + " and " + key.dim(1));
                    }
                    if (query.rankKnown() && query.dim(1).isFixed()) {
                        int q = query.dim(1).size();
                        if (q % heads != 0) {
                            return rejectParam("heads " + heads + " must divide the query size " + q);
                        }
                        if (p.has("keySize") && (long) p.getInt("keySize") * heads != q) {
                            return rejectParam("keySize " + p.getInt("keySize") + " × heads " + heads
                                    + " must equal the query size " + q);
                        }
                    }
                    if (value.rankKnown() && value.dim(1).isFixed() && value.dim(1).size() % heads != 0) {
                        return rejectParam("heads " + heads + " must divide the value size " + value.dim(1).size());
                    }
                    for (int i = 3; i < in.size(); i++) {
                        TensorType mask = in.get(i);
                        if (key.rankKnown() && mask.rankKnown() && key.dim(0).unify(mask.dim(0)) == null) {
                            return rejectInput(i, "a key mask needs one number per key, but there are " + key.dim(0)
                                    + " keys and " + mask.dim(0) + " numbers in Mask" + (i - 2));
                        }
                    }
                    Dim n = query.rankKnown() ? query.dim(0) : Dim.UNKNOWN;
                    Dim v = value.rankKnown() ? value.dim(1) : Dim.UNKNOWN;
                    return outputs(TensorType.real(List.of(n, v)));
                })
                .cost((p, in, out) -> {
                    long n = out.get(0).rankKnown() && out.get(0).dim(0).isFixed() ? out.get(0).dim(0).size() : -1;
                    TensorType key = in.get(0);
                    if (n < 0 || !key.isFullyKnown() || !out.get(0).isFullyKnown()) {
                        return -1;
                    }
                    long m = key.dim(0).size();
                    return Shapes.times(Shapes.times(n, m), (long) key.dim(1).size() + out.get(0).dim(1).size());
                })
                .build();
    }
}
