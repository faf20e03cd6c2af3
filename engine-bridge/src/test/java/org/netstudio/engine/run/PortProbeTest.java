package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Port values and gradients as a person asks for them: by the names the canvas shows. */
class PortProbeTest {

    /** Input 3 → linear1 → block (Ramp, linear2: 2) → residual graph (Tanh + its input) → Softmax. */
    private static NetNode net() {
        return parse("{\"type\": \"Chain\", \"input\": {\"shape\": [3]}, \"layers\": ["
                + "{\"type\": \"Linear\", \"name\": \"linear1\", \"units\": 4},"
                + "{\"type\": \"Chain\", \"name\": \"block\", \"layers\": [{\"type\": \"Ramp\", \"name\": \"ramp\"},"
                + " {\"type\": \"Linear\", \"name\": \"linear2\", \"units\": 2}]},"
                + "{\"type\": \"Graph\", \"name\": \"residual\", \"inputs\": {\"Input\": {}},"
                + " \"nodes\": {\"tanh\": {\"type\": \"Tanh\"}, \"sum\": {\"type\": \"Total\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"tanh\"}, {\"from\": \"tanh\", \"to\": \"sum.Input1\"},"
                + " {\"from\": \"Input\", \"to\": \"sum.Input2\"}, {\"from\": \"sum\", \"to\": \"Output\"}],"
                + " \"outputs\": {\"Output\": {}}},"
                + "{\"type\": \"Softmax\", \"name\": \"softmax\"}]}");
    }

    private static final TensorValue BATCH = TensorValue.of(new float[] {0.5f, -1, 2, -0.3f, 0.8f, 0.1f}, 2, 3);

    private static NetRunner runner() {
        return NetRunner.untrained(net(), 5);
    }

    @Test
    void aContainersOutputIsTheOutputOfTheStepFeedingIt() {
        try (NetRunner r = runner()) {
            Probe p = r.probe(List.of(BATCH), List.of("block", "block/Output", "block/linear2", "residual/Output",
                    "residual/sum", "Input"), null);
            assertThat(p.values().get("block").shape()).containsExactly(2, 2);
            assertThat(p.values().get("block/Output")).isEqualTo(p.values().get("block/linear2"));
            assertThat(p.values().get("block")).isEqualTo(p.values().get("block/linear2"));
            assertThat(p.values().get("residual/Output")).isEqualTo(p.values().get("residual/sum"));
            assertThat(p.values().get("Input")).isEqualTo(BATCH);
            assertThat(p.gradients()).isEmpty();
            assertThat(p.objective()).isNaN();
        }
    }

    @Test
    void portValuesAreWhatTheLayersCompute() {
        try (NetRunner r = runner()) {
            Probe p = r.probe(List.of(BATCH), List.of("linear1", "block/ramp", "block", "residual/tanh", "residual", "softmax"), null);
            float[] linear = p.values().get("linear1").values();
            float[] ramp = p.values().get("block/ramp").values();
            for (int i = 0; i < linear.length; i++) {
                assertThat(ramp[i]).isEqualTo(Math.max(0, linear[i]));
            }
            float[] tanh = p.values().get("residual/tanh").values();
            float[] sum = p.values().get("residual").values();
            float[] probabilities = p.values().get("softmax").values();
            assertThat(probabilities).isEqualTo(r.run(List.of(BATCH)).get(0).values());
            assertThat(sum[0] - tanh[0]).isCloseTo(p.values().get("block").values()[0], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void anArraysValueIsItsWeights() {
        try (NetRunner r = runner()) {
            Weights w = r.weights();
            Probe p = r.probe(List.of(BATCH), List.of("block/linear2/weights"), null);
            assertThat(p.values().get("block/linear2/weights").values()).containsExactly(
                    w.arrays().get("block/linear2/weights").floats());
        }
    }

    @Test
    void theGradientOfAClassScoreIsTakenBeforeTheSoftmax() {
        // The score of class 1 before the Softmax is the residual's output 1, so its gradient there is (0, 1) per example.
        try (NetRunner r = runner()) {
            Probe p = r.probe(List.of(BATCH), List.of("residual", "linear1/weights", "Input", "softmax"),
                    new GradientOf.Score("Output", 1));
            assertThat(p.gradients().get("residual").values()).containsExactly(0, 1, 0, 1);
            assertThat(p.noGradient()).containsExactly(java.util.Map.entry("softmax",
                    "'softmax' does not feed the score of 'Output', which is taken before its Softmax"));
            assertThat(p.gradients().get("linear1/weights").shape()).containsExactly(4, 3);
            assertThat(p.gradients().get("Input").shape()).containsExactly(2, 3);
            assertThat(p.objective()).isCloseTo(p.values().get("residual").values()[1]
                    + p.values().get("residual").values()[3], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aSecondProbeGivesTheSameGradientsNotTheirSum() {
        try (NetRunner r = runner()) {
            GradientOf loss = new GradientOf.Loss("Output", TensorValue.of(new float[] {1, 0}, 2));
            float[] first = r.probe(List.of(BATCH), List.of("linear1/weights"), loss).gradients().get("linear1/weights").values();
            float[] second = r.probe(List.of(BATCH), List.of("linear1/weights"), loss).gradients().get("linear1/weights").values();
            assertThat(second).containsExactly(first);
        }
    }

    @Test
    void anUnknownPortIsOneSentenceListingCloseNames() {
        try (NetRunner r = runner()) {
            assertThatThrownBy(() -> r.probe(List.of(BATCH), List.of("blok/linear"), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The net has no port 'blok/linear'; the closest names are 'block/linear2'");
        }
    }

    @Test
    void aClassBeyondTheOutputIsRefusedInASentence() {
        try (NetRunner r = runner()) {
            assertThatThrownBy(() -> r.probe(List.of(BATCH), List.of("linear1"), new GradientOf.Score("Output", 2)))
                    .hasMessage("The output 'Output' has 2 values per position, so class 2 does not exist (they count from 0)");
        }
    }

    @Test
    void theLayersInsideAMapAreOneStep() {
        NetNode mapped = parse("{\"type\": \"Chain\", \"input\": {\"shape\": [5, 3]}, \"layers\": ["
                + "{\"type\": \"Map\", \"name\": \"map1\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"name\": \"linear1\", \"units\": 2}]}}]}");
        try (NetRunner r = NetRunner.untrained(mapped, 1)) {
            TensorValue x = TensorValue.of(new float[15], 1, 5, 3);
            assertThat(r.probe(List.of(x), List.of("map1"), null).values().get("map1").shape()).containsExactly(1, 5, 2);
            assertThatThrownBy(() -> r.probe(List.of(x), List.of("map1/net/linear1"), null))
                    .hasMessage("'map1/net/linear1' lies inside the Map 'map1', which runs its inner net as one step; "
                            + "ask for 'map1' instead");
        }
    }

    @Test
    void anImportedOpaqueOperatorGivesValuesButNoGradientBehindIt() throws IOException {
        // x → Sign (opaque, runs in ONNX Runtime) → Linear: the Linear learns, nothing before the Sign does.
        NetNode sign = OnnxImporter.read(signModel(), "sign.onnx").document().net();
        Chain net = Chain.of(PortDecl.of(TensorType.real(3)), sign, Layer.of("Linear", "units", 2));
        try (NetRunner r = NetRunner.untrained(net, 2)) {
            String inner = NetPorts.names(net).stream().filter(n -> n.startsWith("chain1/")).findFirst().orElseThrow();
            Probe p = r.probe(List.of(BATCH), List.of("Input", inner, "linear1/weights"), new GradientOf.Score("Output", 0));
            assertThat(p.values().get(inner).values()[0]).isEqualTo(1f); // sign of the first input, 0.5
            assertThat(p.gradients()).containsOnlyKeys(inner, "linear1/weights");
            assertThat(p.noGradient().get("Input")).startsWith("no gradient reaches 'Input' from 'Output'; it stops at "
                    + "the imported operator Sign '").endsWith(", which run outside autograd");
        }
    }

    private static byte[] signModel() {
        ValueInfoProto x = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(
                        TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))))).build();
        GraphProto g = GraphProto.newBuilder().setName("g").addInput(x).addOutput(x.toBuilder().setName("y"))
                .addNode(NodeProto.newBuilder().setOpType("Sign").setName("sign").addInput("x").addOutput("y")).build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
    }

    private static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }
}
