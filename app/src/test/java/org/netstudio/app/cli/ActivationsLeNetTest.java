package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.PortSamples;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;

/**
 * {@code netstudio activations} on the gallery's LeNet-5 gives, at every inner port, what PyTorch's
 * forward hooks give on the same weights and input. The fixture (lenet-ports.json, written once by
 * engine-bridge/src/test/python/port_probe_fixtures.py with Debian's PyTorch) holds the weights'
 * formula and, per port, {@link PortSamples}; no PyTorch needed here.
 */
class ActivationsLeNetTest {

    /** Largest difference allowed, as a fraction of the port's largest magnitude: float32 noise. */
    private static final double TOLERANCE = 1e-5;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyInnerPortOfLeNetIsWhatPyTorchsForwardHooksSee(@TempDir Path dir) throws IOException {
        JsonNode f;
        try (InputStream in = ActivationsLeNetTest.class.getResourceAsStream("lenet-ports.json")) {
            f = JSON.readTree(in);
        }
        Path net = dir.resolve("lenet.nsnet");
        NetFiles.write(net, Gallery.standard().load("lenet"), weights(f));
        StringBuilder input = new StringBuilder();
        for (float v : fill(0, 1.0, 784)) {
            input.append(input.length() == 0 ? "" : ",").append(v);
        }
        List<String> ports = new ArrayList<>();
        f.get("values").fieldNames().forEachRemaining(ports::add);
        Path out = dir.resolve("ports.safetensors");

        CliRun r = CliRun.run("activations", net.toString(), input.toString(), "--port", String.join(",", ports),
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, WeightArray> written = Safetensors.read(out).arrays();
        assertThat(written).containsOnlyKeys(ports);
        Map<String, Double> differences = new LinkedHashMap<>();
        for (String port : ports) {
            PortSamples expected = new PortSamples(f.get("values").get(port));
            WeightArray actual = written.get(port);
            assertThat(actual.shape()).as(port).containsExactly(expected.shape());
            differences.put(port, expected.worstDifference(actual.floats()));
        }
        System.out.println("LeNet ports, worst difference from PyTorch's hooks as a share of the largest value: "
                + differences);
        assertThat(differences).allSatisfy((port, d) -> assertThat(d).as(port).isLessThan(TOLERANCE));
    }

    private static Weights weights(JsonNode f) {
        List<WeightArray> arrays = new ArrayList<>();
        for (JsonNode a : f.get("arrays")) {
            long[] shape = JSON.convertValue(a.get("shape"), long[].class);
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            arrays.add(WeightArray.of(a.get("key").asText(), shape,
                    fill(a.get("t").asInt(), a.get("scale").asDouble(), (int) n)));
        }
        return Weights.of(arrays, Map.of());
    }

    /** The script's formula: element i of tensor t is scale · sin(0.37 i + 1.1 t + 0.2), in double, then float32. */
    private static float[] fill(int t, double scale, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * Math.sin(0.37 * i + 1.1 * t + 0.2));
        }
        return v;
    }
}
