package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.ArrayDifference;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Gradients of a loss with respect to a net's input, an inner port and its learnable arrays are
 * PyTorch's autograd on the same net, weights and input, for a small CNN and a GRU net. The
 * fixture (probe-gradients.json) was computed once by src/test/python/port_probe_fixtures.py with
 * Debian's PyTorch; here no PyTorch is needed.
 */
class PortProbeTorchTest {

    /** Largest difference allowed, as a fraction of the largest gradient of the tensor: float32 noise. */
    private static final double TOLERANCE = 2e-5;

    private static JsonNode fixture;

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = PortProbeTorchTest.class.getResourceAsStream("probe-gradients.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    /** As in the script: conv 3×3 to two channels, ReLU, flatten, linear to three classes, softmax. */
    private static NetNode cnn() {
        return Chain.named(PortDecl.of(TensorType.real(1, 6, 6)),
                List.of(Layer.of("Convolution", "channels", 2, "kernel", 3), Layer.of("Ramp"), Layer.of("Flatten"),
                        Layer.of("Linear", "units", 3), Layer.of("Softmax")),
                List.of("conv", "relu", "flatten", "linear", "softmax"), PortDecl.UNSPECIFIED);
    }

    /** As in the script: a GRU of four units over five steps of three values, its last state, linear, softmax. */
    private static NetNode gru() {
        return Chain.named(PortDecl.of(TensorType.real(5, 3)),
                List.of(Layer.of("GRU", "units", 4, "returnSequences", false), Layer.of("Linear", "units", 3),
                        Layer.of("Softmax")),
                List.of("gru", "linear", "softmax"), PortDecl.UNSPECIFIED);
    }

    @Test
    void cnnGradientsOfTheLossAreAutogradsForInputPortAndArrays() {
        compare(cnn(), fixture.get("cnn"), "conv");
    }

    @Test
    void gruGradientsOfTheLossAreAutogradsForInputPortAndArrays() {
        compare(gru(), fixture.get("gru"), "gru");
    }

    @Test
    void aSlippedGradientIsCaught() {
        // The comparison sees a small slip: the CNN's loss against the other class of one example.
        JsonNode cnn = fixture.get("cnn");
        try (NetRunner runner = NetRunner.load(cnn(), weights(cnn))) {
            Probe probe = runner.probe(List.of(input(cnn)), List.of("conv/weights"),
                    new GradientOf.Loss("Output", TensorValue.of(new float[] {1, 0}, 2)));
            assertThat(ArrayDifference.between(floats(cnn.get("gradients").get("conv/weights")),
                    probe.gradients().get("conv/weights").values()).relative()).isGreaterThan(100 * TOLERANCE);
        }
    }

    private static void compare(NetNode net, JsonNode f, String port) {
        List<String> names = new ArrayList<>(List.of("Input", port));
        f.get("arrays").forEach(a -> names.add(a.get("key").asText()));
        float[] target = floats(f.get("target"));
        try (NetRunner runner = NetRunner.load(net, weights(f))) {
            Probe probe = runner.probe(List.of(input(f)), names,
                    new GradientOf.Loss("Output", TensorValue.of(target, target.length)));
            assertThat(probe.objective()).isCloseTo(f.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(probe.noGradient()).isEmpty();
            Map<String, Double> differences = new LinkedHashMap<>();
            for (String name : names) {
                float[] expected = floats(f.get("gradients").get(name));
                float[] actual = probe.gradients().get(name).values();
                assertThat(actual).as(name).hasSize(expected.length);
                differences.put(name, ArrayDifference.between(expected, actual).relative());
            }
            System.out.println(net.typeName() + " " + port + ": worst relative difference from autograd " + differences);
            assertThat(differences).allSatisfy((name, d) -> assertThat(d).as(name).isLessThan(TOLERANCE));
        }
    }

    static Weights weights(JsonNode f) {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        for (JsonNode a : f.get("arrays")) {
            long[] shape = longs(a.get("shape"));
            String key = a.get("key").asText();
            arrays.put(key, WeightArray.of(key, shape, fill(a.get("t").asInt(), a.get("scale").asDouble(), size(shape))));
        }
        return Weights.of(arrays.values(), Map.of());
    }

    static TensorValue input(JsonNode f) {
        JsonNode in = f.get("input");
        long[] shape = longs(in.get("shape"));
        return TensorValue.of(fill(in.get("t").asInt(), in.get("scale").asDouble(), size(shape)), shape);
    }

    /** The script's formula: element i of tensor t is scale · sin(0.37 i + 1.1 t + 0.2), in double, then float32. */
    static float[] fill(int t, double scale, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * Math.sin(0.37 * i + 1.1 * t + 0.2));
        }
        return v;
    }

    private static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static long[] longs(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }
}
