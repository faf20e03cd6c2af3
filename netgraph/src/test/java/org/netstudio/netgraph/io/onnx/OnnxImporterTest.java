package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.fuzz.OnnxSeeds;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

class OnnxImporterTest {

    /** x [batch, n, 4] → Relu → Sign → MatMul(W 4×3) → Add(b) → y, with Sign's output declared in value_info. */
    static ModelProto small() {
        GraphProto g = GraphProto.newBuilder().setName("small")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 4))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 3))
                .addValueInfo(value("e", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 4))
                .addInitializer(OnnxTensors.floats("W", new long[] {4, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
                .addInitializer(OnnxTensors.floats("b", new long[] {3}, new float[] {0.5f, -1, 2}))
                .addNode(node("Relu", "relu", List.of("x"), "r"))
                .addNode(node("Sign", "sign", List.of("r"), "e").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("note").setType(AttributeProto.AttributeType.INT).setI(7)))
                .addNode(node("MatMul", "dense", List.of("e", "W"), "m"))
                .addNode(node("Add", "bias", List.of("m", "b"), "y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
    }

    static NodeProto node(String op, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out).build();
    }

    static ValueInfoProto value(String name, int type, Object... dims) {
        return OnnxSeeds.value(name, type, dims);
    }

    @Test
    void mapsWhatItCanKeepsTheRestOpaqueAndReportsWhy() throws IOException {
        OnnxImport imported = OnnxImporter.read(small().toByteArray(), "small.onnx");

        assertThat(imported.document().net()).isInstanceOf(Chain.class);
        Chain chain = (Chain) imported.document().net();
        assertThat(chain.elements()).extracting(Chain.Element::name).containsExactly("relu", "sign", "dense");
        assertThat(chain.input().type()).isEqualTo(new TensorType(TensorType.ANY_REAL.kind(), List.of(Dim.symbolic("n"), Dim.of(4))));
        Layer sign = (Layer) chain.elements().get(1).node();
        assertThat(sign.type()).isEqualTo("OnnxOperator");
        assertThat(sign.params().getString("op")).isEqualTo("Sign");
        assertThat(sign.params().getString("attributes")).isEqualTo("note=7");
        assertThat(sign.params().getString("outputs")).isEqualTo("Real n×4");
        assertThat(((Layer) chain.elements().get(2).node()).values()).containsEntry("units", 3);

        ImportReport report = imported.report();
        assertThat(report.entries()).extracting(ImportReport.Entry::outcome).containsExactly(ImportReport.Outcome.MAPPED,
                ImportReport.Outcome.OPAQUE, ImportReport.Outcome.MAPPED, ImportReport.Outcome.MAPPED);
        assertThat(report.opaque()).singleElement().satisfies(e -> {
            assertThat(e.opType()).isEqualTo("Sign");
            assertThat(e.reason()).isEqualTo("NetStudio has no layer for Sign");
        });
        assertThat(report.text()).contains("4 ONNX nodes: 3 mapped to layers, 1 opaque")
                .contains("sign [Sign] → sign (OnnxOperator, opaque: NetStudio has no layer for Sign)");

        // MatMul + Add became one Linear: weights transposed to units×d, the bias from Add.
        assertThat(imported.weights().get(NodePath.of("dense"), "weights").orElseThrow().floats())
                .containsExactly(1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
        assertThat(imported.weights().get(NodePath.of("dense"), "biases").orElseThrow().floats()).containsExactly(0.5f, -1, 2);

        InferenceResult inference = ShapeInference.infer(chain);
        assertThat(inference.valid()).isTrue();
        assertThat(inference.layer(NodePath.of("dense")).outputs().get(0).dims()).containsExactly(Dim.symbolic("n"), Dim.of(3));
    }

    @Test
    void netFilesOpensOnnxAndAnImportedNetSavesAndReadsBackWhole(@TempDir Path dir) throws IOException {
        Path onnx = dir.resolve("small.onnx");
        Files.write(onnx, small().toByteArray());
        assertThat(NetFiles.isNetFile(onnx)).isTrue();
        LoadedNet loaded = NetFiles.read(onnx);
        assertThat(loaded.weights()).isPresent();

        Path saved = dir.resolve("small.nsnet");
        NetFiles.write(saved, loaded.document(), loaded.weights().orElseThrow());
        LoadedNet back = NetFiles.read(saved);
        assertThat(back.document().net()).isEqualTo(loaded.document().net());
        assertThat(back.weights().orElseThrow().arrays()).isEqualTo(loaded.weights().orElseThrow().arrays());
    }

    @Test
    void malformedFilesAreRefusedWithAMessageNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] model = small().toByteArray();
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        List<byte[]> bad = List.of(new byte[0], noise, Arrays.copyOf(model, model.length / 2),
                "{\"format\": \"netstudio.net\"}".getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : bad) {
            Path file = dir.resolve("bad.onnx");
            Files.write(file, bytes);
            assertThatThrownBy(() -> NetFiles.read(file)).isInstanceOf(NetFileException.class)
                    .hasMessageStartingWith(file.toString() + ": ");
        }
    }

    @Test
    void aNodeReadingAValueNobodyGivesIsRefused() {
        ModelProto m = small().toBuilder().setGraph(small().getGraph().toBuilder()
                .addNode(node("Relu", "dangling", List.of("missing"), "z")).addOutput(value("z", 1, "batch"))).build();
        assertThatThrownBy(() -> OnnxImporter.read(m.toByteArray(), "m.onnx")).isInstanceOf(NetFileException.class)
                .hasMessageContaining("\"missing\"");
    }

    @Test
    void aTensorDeclaringMoreValuesThanItHoldsIsRefused() {
        TensorProto lying = OnnxTensors.floats("W", new long[] {400, 3}, new float[12]);
        GraphProto g = small().getGraph().toBuilder().setInitializer(0, lying).build();
        assertThatThrownBy(() -> OnnxImporter.read(small().toBuilder().setGraph(g).build().toByteArray(), "m.onnx"))
                .isInstanceOf(NetFileException.class).hasMessageContaining("declares 1200 values");
    }

    private static String refusal(GraphProto.Builder g) {
        ModelProto m = small().toBuilder().setGraph(g).build();
        NetFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(NetFileException.class,
                () -> OnnxImporter.read(m.toByteArray(), "m.onnx"));
        assertThat(e).as("refused").isNotNull();
        return e.getMessage();
    }

    @Test
    void aNodeReadingItsOwnOutputIsRefusedNamingIt() {
        for (String op : List.of("Relu", "Sign", "MatMul")) {
            GraphProto.Builder g = small().getGraph().toBuilder()
                    .addNode(node(op, "loop", List.of("loop_out", "W"), "loop_out"))
                    .addOutput(value("loop_out", 1, "batch", "n", 3));
            assertThat(refusal(g)).isEqualTo("m.onnx: graph: node \"loop\" (" + op + ") reads its own output"
                    + " \"loop_out\"; an ONNX graph must not feed a node's output back into it");
        }
    }

    @Test
    void cyclesAndNodesOutOfOrderAreRefusedNamingTheNodes() {
        GraphProto.Builder cycle = small().getGraph().toBuilder()
                .addNode(node("Relu", "first", List.of("c2"), "c1"))
                .addNode(node("Tanh", "second", List.of("c1"), "c2"))
                .addOutput(value("c2", 1, "batch", "n", 3));
        assertThat(refusal(cycle)).isEqualTo("m.onnx: graph: node \"first\" (Relu) reads \"c2\", which only the later"
                + " node \"second\" (Tanh) computes; the nodes are out of order or form a cycle");
        GraphProto.Builder twice = small().getGraph().toBuilder()
                .addNode(node("Relu", "again", List.of("x"), "r"));
        assertThat(refusal(twice)).isEqualTo("m.onnx: graph: node \"again\" (Relu) computes \"r\", which an earlier"
                + " node computes too; every ONNX value has one producer");
    }

    @Test
    void aRecurrentNodeWithoutItsWeightsStaysOpaqueAndANodeWithoutOutputsIsRefused() throws IOException {
        GraphProto g = small().getGraph().toBuilder()
                .addNode(node("LSTM", "bare", List.of("x"), "seq"))
                .addOutput(value("seq", 1, "n", 1, "batch", 4)).build();
        OnnxImport imported = OnnxImporter.read(small().toBuilder().setGraph(g).build().toByteArray(), "m.onnx");
        assertThat(imported.report().entries()).anySatisfy(e -> {
            assertThat(e.onnxName()).isEqualTo("bare");
            assertThat(e.reason()).isEqualTo("it has 1 inputs, but LSTM reads at least X, W and R");
        });
        GraphProto.Builder silent = small().getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("mute").addInput("x"));
        assertThat(refusal(silent)).isEqualTo("m.onnx: graph: node \"mute\" (Relu) has no outputs; every ONNX node"
                + " computes something");
    }

    /**
     * Found by ./bench fuzz over the ONNX conformance models (test_concat_3d_axis_negative_1 and
     * test_hannwindow_expanded with an input rewired to ONNX's empty name): the layer a node maps to
     * took a wire from nothing, a NullPointerException in Edge. The node stays opaque, saying why.
     */
    @Test
    void aNodeMappedToALayerWithAnInputLeftOutStaysOpaqueSayingSo() throws IOException {
        AttributeProto lastAxis = AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(-1).build();
        Map<NodeProto, String> odd = Map.of(
                node("Concat", "odd", List.of("r", ""), "o").toBuilder().addAttribute(lastAxis).build(),
                "its input 2 is left out",
                node("Concat", "odd", List.of("", "r"), "o").toBuilder().addAttribute(lastAxis).build(),
                "its first input is left out",
                node("Div", "odd", List.of("b", ""), "o"), "its first input is a constant");
        for (Map.Entry<NodeProto, String> c : odd.entrySet()) {
            GraphProto g = small().getGraph().toBuilder().addNode(c.getKey()).addOutput(value("o", 1, "batch", "n", 4))
                    .build();

            OnnxImport imported = OnnxImporter.read(small().toBuilder().setGraph(g).build().toByteArray(), "m.onnx");

            assertThat(imported.report().entries()).as("%s", c.getKey().getInputList()).anySatisfy(e -> {
                assertThat(e.onnxName()).isEqualTo("odd");
                assertThat(e.outcome()).isEqualTo(ImportReport.Outcome.OPAQUE);
                assertThat(e.reason()).isEqualTo(c.getValue());
            });
            NetNode net = imported.document().net();
            NetSummary.of(net, ShapeInference.infer(net));
        }
    }
}
