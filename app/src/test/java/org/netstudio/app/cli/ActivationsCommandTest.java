package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.run.GradientOf;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.Probe;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/** netstudio activations: statistics per port, the values in a file, JSON, gradients, and names it cannot use. */
class ActivationsCommandTest {

    private static final String NET = """
            { "format": "netstudio.net", "version": 1, "name": "Three classes",
              "net": { "type": "Chain", "input": { "shape": [3] },
                "layers": [ { "type": "Linear", "name": "linear1", "units": 8 }, { "type": "Ramp", "name": "relu" },
                            { "type": "Chain", "name": "head", "layers": [ { "type": "Linear", "name": "scores", "units": 3 } ] },
                            { "type": "Softmax", "name": "softmax" } ],
                "output": { "decoder": { "type": "Class", "labels": ["cat", "dog", "bird"] } } } }
            """;

    private static final String INPUT = "0.5,-1,2";
    private static final TensorValue X = TensorValue.of(new float[] {0.5f, -1, 2}, 1, 3);

    @TempDir
    static Path dir;
    private static Path net;
    private static NetDocument doc;
    private static Weights weights;

    @BeforeAll
    static void writeNet() throws Exception {
        doc = NetFileReader.read(NET, "three.json");
        try (NetRunner r = NetRunner.untrained(doc.net(), 11)) {
            weights = r.weights();
        }
        net = dir.resolve("three.nsnet");
        NetFiles.write(net, doc, weights);
    }

    private static Probe probe(List<String> ports, GradientOf of) {
        try (NetRunner r = NetRunner.load(doc.net(), weights)) {
            return r.probe(List.of(X), ports, of);
        }
    }

    @Test
    void printsShapeSpreadZerosAndNonFiniteValuesPerPort() {
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "Input", "relu", "head");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("port", "shape", "mean", "std", "min", "max", "zeros",
                "non-finite");
        assertThat(lines.get(1).split("\\s+")).containsExactly("Input", "1×3", "0.5000", "1.225", "-1.000", "2.000",
                "0.0%", "0");
        float[] relu = probe(List.of("relu"), null).values().get("relu").values();
        long zeros = 0;
        for (float v : relu) {
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(lines.get(2)).startsWith("relu ").contains(" 1×8 ")
                .contains(String.format(java.util.Locale.ROOT, " %.1f%% ", 100.0 * zeros / relu.length));
        assertThat(lines.get(3)).startsWith("head ").contains(" 1×3 ");
        assertThat(lines).hasSize(4);
    }

    @Test
    void writesOnePortAsNpyWithItsValues() throws IOException {
        Path out = dir.resolve("relu.npy");
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "relu", "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("written to " + out);
        byte[] bytes = Files.readAllBytes(out);
        int header = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat(new String(bytes, 10, header, StandardCharsets.US_ASCII)).contains("'shape': (1, 8)");
        float[] values = new float[8];
        ByteBuffer.wrap(bytes, 10 + header, 32).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        assertThat(values).containsExactly(probe(List.of("relu"), null).values().get("relu").values());
    }

    @Test
    void writesSeveralPortsAndTheirGradientsAsSafetensors() throws IOException {
        Path out = dir.resolve("ports.safetensors");
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "linear1,head/Output", "--gradient",
                "--of", "Output:dog", "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, WeightArray> written = Safetensors.read(out).arrays();
        assertThat(written).containsOnlyKeys("linear1", "linear1.gradient", "head/Output", "head/Output.gradient");
        // The score of class 1 ("dog") before the Softmax is head's output 1: its gradient there is (0, 1, 0).
        assertThat(written.get("head/Output.gradient").floats()).containsExactly(0, 1, 0);
        Probe expected = probe(List.of("linear1"), new GradientOf.Score("Output", 1));
        assertThat(written.get("linear1.gradient").floats()).containsExactly(expected.gradients().get("linear1").values());
        assertThat(written.get("linear1").floats()).containsExactly(expected.values().get("linear1").values());
    }

    @Test
    void jsonHasEachPortsShapeStatisticsAndGradientOfThePredictedClass() throws IOException {
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "head,softmax", "--gradient", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        float[] probabilities = probe(List.of("softmax"), null).values().get("softmax").values();
        int predicted = 0;
        for (int i = 1; i < 3; i++) {
            predicted = probabilities[i] > probabilities[predicted] ? i : predicted;
        }
        assertThat(j.get("gradientOf").get("class").asInt()).isEqualTo(predicted);
        assertThat(j.get("gradientOf").get("label").asText()).isEqualTo(List.of("cat", "dog", "bird").get(predicted));
        assertThat(j.get("gradientOf").get("beforeSoftmax").asBoolean()).isTrue();
        JsonNode head = j.get("ports").get(0);
        assertThat(head.get("name").asText()).isEqualTo("head");
        assertThat(head.get("shape").toString()).isEqualTo("[1,3]");
        assertThat(head.get("value").get("max").asDouble())
                .isCloseTo(j.get("gradientOf").get("score").asDouble(), within(1e-6));
        assertThat(head.get("gradient").get("max").asDouble()).isEqualTo(1.0);
        assertThat(head.get("gradient").get("zeros").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        JsonNode softmax = j.get("ports").get(1);
        assertThat(softmax.get("value").get("nonFinite").asInt()).isZero();
        assertThat(softmax.get("noGradient").asText())
                .isEqualTo("'softmax' does not feed the score of 'Output', which is taken before its Softmax");
    }

    @Test
    void anUnknownPortIsAUsageErrorNamingCloseNames() {
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "lineer1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("The net has no port 'lineer1'; the closest names are 'linear1'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void severalPortsDoNotFitOneNpyFileAndNothingIsWritten() {
        Path out = dir.resolve("two.npy");
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "relu,head", "--out", out.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a .npy file holds one array, but 2 ports were named; write them to a .safetensors file");
        assertThat(out).doesNotExist();
    }

    @Test
    void aClassTheOutputDoesNotHaveIsRefusedNamingTheLabels() {
        CliRun r = CliRun.run("activations", net.toString(), INPUT, "--port", "relu", "--gradient", "--of", ":horse");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'horse' is neither a class index nor one of the labels cat, dog, bird");
    }

    @Test
    void aTextIsReadThroughTheNetsEncoderAndItsIndicesHaveNoGradient() throws Exception {
        NetDocument text = NetFileReader.read("""
                { "format": "netstudio.net", "version": 1, "name": "Text",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Characters", "alphabet": "abc" } },
                    "layers": [ { "type": "Embedding", "name": "embed", "size": 4 }, { "type": "GRU", "name": "gru",
                                  "units": 5, "returnSequences": false },
                                { "type": "Linear", "name": "scores", "units": 2 }, { "type": "Softmax" } ] } }
                """, "text.json");
        Path file = dir.resolve("text.nsnet");
        try (NetRunner r = NetRunner.untrained(text.net(), 3)) {
            NetFiles.write(file, text, r.weights());
        }

        CliRun r = CliRun.run("activations", file.toString(), "abca", "--port", "Input,embed,gru", "--gradient", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode ports = r.json().get("ports");
        assertThat(ports.get(0).get("shape").toString()).isEqualTo("[1,4]");
        assertThat(ports.get(0).get("noGradient").asText()).isEqualTo("'Input' takes indices, which have no gradient");
        assertThat(ports.get(1).get("shape").toString()).isEqualTo("[1,4,4]");
        assertThat(ports.get(1).has("gradient")).isTrue();
        assertThat(ports.get(2).get("shape").toString()).isEqualTo("[1,5]");
    }
}
