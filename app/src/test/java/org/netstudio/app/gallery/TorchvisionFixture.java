package org.netstudio.app.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.io.WeightArray;

/**
 * What a real torchvision model computed (torchvision_fixtures.py): the state_dict's keys with
 * their shapes and value ranges, the input's, and the 1000 logits. The values themselves are not
 * stored; {@link HashedValues} makes them again.
 *
 * @param probes single values [tensor, element, value] NumPy made, to check the formula alone
 */
record TorchvisionFixture(String net, String madeBy, List<Tensor> tensors, Tensor input, List<double[]> probes,
                          float[] logits, int argmax, double float32Noise) {

    /** One tensor: its state_dict key (empty for the input), shape and range of values. */
    record Tensor(String key, long[] shape, double lo, double hi) {
        int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    static TorchvisionFixture read(String id) {
        try (InputStream in = TorchvisionFixture.class.getResourceAsStream("torchvision-numbers/" + id + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture for " + id);
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode root = json.readTree(in);
            List<Tensor> tensors = new ArrayList<>();
            for (JsonNode t : root.get("tensors")) {
                tensors.add(new Tensor(t.get(0).asText(), json.convertValue(t.get(1), long[].class),
                        t.get(2).get(0).asDouble(), t.get(2).get(1).asDouble()));
            }
            JsonNode range = root.get("input").get("range");
            Tensor input = new Tensor("", json.convertValue(root.get("input").get("shape"), long[].class),
                    range.get(0).asDouble(), range.get(1).asDouble());
            List<double[]> probes = new ArrayList<>();
            for (JsonNode p : root.get("probes")) {
                probes.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()});
            }
            float[] logits = json.convertValue(root.get("logits"), float[].class);
            return new TorchvisionFixture(root.get("net").asText(), root.get("made_by").asText(), tensors, input,
                    probes, logits, root.get("argmax").asInt(), root.get("torch_float32_vs_float64_max_abs").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state_dict torchvision's model held, keyed as torchvision keys it (tensor t is the t-th, from 1). */
    Map<String, WeightArray> stateDict() {
        Map<String, WeightArray> out = new LinkedHashMap<>();
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            out.put(x.key(), WeightArray.of(x.key(), x.shape(), values(t + 1)));
        }
        return out;
    }

    /** The values of tensor {@code t}: 0 is the input, 1… the state_dict's tensors in sorted key order. */
    float[] values(int t) {
        Tensor x = t == 0 ? input : tensors.get(t - 1);
        return HashedValues.of(t, x.size(), x.lo(), x.hi());
    }

    /** The input's values for one example, without its batch axis. */
    float[] inputValues() {
        return values(0);
    }

    /** The index of the largest score, the first of equals: the class a net's scores pick. */
    static int topClass(float[] scores) {
        return org.netstudio.engine.tensor.ArgMax.of(scores, 0, scores.length);
    }

    /** torchvision's probabilities: the softmax of its logits, in double. */
    float[] softmax() {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float[] out = new float[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.exp(logits[i] - max) / sum);
        }
        return out;
    }
}
