package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/** Which characters a text classifier leaned on, for a net small enough to work out by hand. */
class TextAttributionTest {

    /**
     * Characters → Embedding of size 1 (a → 1, b → −2, c → 4) → the mean over the text → two
     * scores, the first 1 × the mean. So ∂score₀/∂e_i = 1/n, and gradient × value is e_i / n:
     * for "cab", |4|, |1|, |−2| over 3, scaled by the largest.
     */
    @Test
    void eachCharacterWeighsGradientTimesItsVector() throws Exception {
        NetDocument doc = NetFileReader.read("""
                { "format": "netstudio.net", "version": 1, "name": "Mean of characters",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Characters", "alphabet": "abc" } },
                    "layers": [ { "type": "Embedding", "name": "embed", "size": 1 },
                                { "type": "Transpose", "perm": [1, 0] },
                                { "type": "GlobalPooling", "function": "mean" },
                                { "type": "Linear", "name": "scores", "units": 2 } ] } }
                """, "mean.json");
        Weights weights;
        try (NetRunner r = NetRunner.untrained(doc.net(), 1)) {
            weights = r.weights();
        }
        List<WeightArray> arrays = new ArrayList<>();
        for (WeightArray a : weights.arrays().values()) {
            float[] v = new float[a.size()];
            if (a.name().equals("embed/weights")) {
                // One row per index; a, b, c are indices 0, 1, 2 (any further row is the unknown character's).
                v[0] = 1;
                v[1] = -2;
                v[2] = 4;
            } else if (a.name().equals("scores/weights")) {
                v[0] = 1;
                v[1] = -1;
            }
            arrays.add(WeightArray.of(a.name(), a.shape(), v));
        }
        try (TextClassifier c = TextClassifier.load(doc.net(), Weights.of(arrays, java.util.Map.of()))) {
            TextAttribution a = c.explain("cab", 0).orElseThrow();
            assertThat(a.units()).containsExactly("c", "a", "b");
            assertThat(a.weights()).containsExactly(new float[] {1, 0.25f, 0.5f}, within(1e-6f));
        }
    }
}
