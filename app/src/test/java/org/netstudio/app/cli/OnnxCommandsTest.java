package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.net.Chain;

/** {@code netstudio import} and {@code netstudio export} on real files. */
class OnnxCommandsTest {

    private static final String LENET = """
            { "format": "netstudio.net", "version": 1, "name": "LeNet-5",
              "net": { "type": "Chain", "input": { "shape": [1, 28, 28] },
                "layers": [ { "type": "Convolution", "channels": 6, "kernel": 5 }, { "type": "Tanh" },
                            { "type": "Pooling", "function": "mean", "kernel": 2 },
                            { "type": "Flatten" }, { "type": "Linear", "units": 10, "name": "logits" },
                            { "type": "Softmax" } ] } }
            """;

    @TempDir
    Path dir;

    @Test
    void exportThenImportGivesBackTheNetWithEveryNodeMapped() throws IOException {
        Path json = Files.writeString(dir.resolve("lenet.json"), LENET);
        Path onnx = dir.resolve("lenet.onnx");
        CliRun export = run("export", json.toString(), "--onnx", onnx.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.err()).contains("holds no weights; writing its initial values (seed 0)");
        assertThat(export.out()).contains("Wrote " + onnx);
        // Six layers, and an Identity that names the net's output.
        assertThat(ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph().getNodeCount()).isEqualTo(7);

        Path nsnet = dir.resolve("back.nsnet");
        CliRun imp = run("import", onnx.toString(), "-o", nsnet.toString(), "--json");
        assertThat(imp.exit()).as(imp.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(imp.out());
        assertThat(report.get("nodes").asInt()).isEqualTo(7);
        assertThat(report.get("mapped").asInt()).isEqualTo(6);
        assertThat(report.get("dropped").asInt()).isEqualTo(1);
        assertThat(report.get("opaque").asInt()).isZero();
        assertThat(report.get("entries").get(4).get("layerType").asText()).isEqualTo("Linear");

        LoadedNet back = NetFiles.read(nsnet);
        LoadedNet original = NetFiles.read(json);
        assertThat(((Chain) back.document().net()).elements()).isEqualTo(((Chain) original.document().net()).elements());
        assertThat(back.weights().orElseThrow().arrays().keySet()).containsExactlyInAnyOrder("convolution1/weights",
                "convolution1/biases", "logits/weights", "logits/biases");
        assertThat(run("info", nsnet.toString()).out()).containsPattern("logits\\s+Linear\\s+10\\s+8,650");
    }

    @Test
    void importReportsOpaqueNodesAndWhy() throws IOException {
        Path onnx = onnxFile("sign.onnx", 5,
                NodeProto.newBuilder().setOpType("Sign").setName("sign1").addInput("x").addOutput("h"),
                NodeProto.newBuilder().setOpType("Relu").setName("relu1").addInput("h").addOutput("y"));
        CliRun r = run("import", onnx.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 ONNX nodes: 1 mapped to layers, 1 opaque")
                .contains("sign1 [Sign] → sign1 (OnnxOperator, opaque: NetStudio has no layer for Sign)")
                .contains("relu1 [Relu] → relu1 (Ramp)");
    }

    /** Writes an opset-17 model from input x (batch × width floats) to output y of the same type through the nodes. */
    private Path onnxFile(String name, int width, NodeProto.Builder... nodes) throws IOException {
        ValueInfoProto x = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))))).build();
        GraphProto.Builder graph = GraphProto.newBuilder().addInput(x).addOutput(x.toBuilder().setName("y"));
        for (NodeProto.Builder node : nodes) {
            graph.addNode(node);
        }
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build();
        return Files.write(dir.resolve(name), m.toByteArray());
    }

    @Test
    void aMalformedModelIsRefusedWithExitCode2() throws IOException {
        Path onnx = Files.writeString(dir.resolve("broken.onnx"), "this is not protobuf");
        CliRun r = run("import", onnx.toString(), "-o", dir.resolve("x.nsnet").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("netstudio import: " + onnx + ": ");
        assertThat(dir.resolve("x.nsnet")).doesNotExist();
    }

    @Test
    void aNodeReadingItsOwnOutputIsRefusedNamingItAndNothingIsWritten() throws IOException {
        Path onnx = onnxFile("loop.onnx", 4,
                NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("x").addOutput("r"),
                NodeProto.newBuilder().setOpType("Add").setName("again").addInput("r").addInput("y").addOutput("y"));
        CliRun r = run("import", onnx.toString(), "-o", dir.resolve("loop.nsnet").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("netstudio import: " + onnx + ": graph: node \"again\" (Add) reads its own"
                + " output \"y\"; an ONNX graph must not feed a node's output back into it");
        assertThat(dir.resolve("loop.nsnet")).doesNotExist();
    }

    @Test
    void exportNamesEveryLayerThatHasNoOnnxForm() throws IOException {
        // Every catalog layer has an ONNX form now; an operator imported without its ONNX node has none.
        Path json = Files.writeString(dir.resolve("seq.json"), """
                { "format": "netstudio.net", "version": 1, "name": "seq",
                  "net": { "type": "Chain", "input": { "shape": ["n", 3] },
                    "layers": [ { "type": "RNN", "units": 4 }, { "type": "OnnxOperator", "op": "Foo", "outputs": "Real n×4" },
                                { "type": "UnitVector", "size": 2 }, { "type": "OnnxOperator", "op": "Bar", "outputs": "Real n×2×2" },
                                { "type": "Linear", "units": 2 } ] } }
                """);
        CliRun r = run("export", json.toString(), "--onnx", dir.resolve("seq.onnx").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("'onnxoperator1' (OnnxOperator: no ONNX node kept)")
                .contains("'onnxoperator2' (OnnxOperator: no ONNX node kept)")
                .doesNotContain("'rnn1'").doesNotContain("'unitvector1'");
        assertThat(dir.resolve("seq.onnx")).doesNotExist();
    }
}
