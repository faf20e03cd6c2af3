package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.value;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** A Gather of a constant table by token ids imports as the catalog Embedding, and exports back as that Gather. */
class EmbeddingImportTest {

    private static final int INT64 = TensorProto.DataType.INT64_VALUE;
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** Row r of a [rows, 3] table holds r, r + 0.25, r + 0.5. */
    private static TensorProto table(String name, int rows) {
        float[] v = new float[rows * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 3 + (i % 3) * 0.25f;
        }
        return OnnxTensors.floats(name, new long[] {rows, 3}, v);
    }

    private static NodeProto node(String op, String name, String out, String... in) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(List.of(in)).addOutput(out).build();
    }

    private static ModelProto model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g.setName("lookup"))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
    }

    /** ids [batch, n] int64 → Gather(table [10, 3], ids) → y. */
    private static GraphProto.Builder lookup() {
        return GraphProto.newBuilder().addInput(value("ids", INT64, "batch", "n")).addOutput(value("y", FLOAT, "batch", "n", 3))
                .addInitializer(table("table", 10)).addNode(node("Gather", "embed", "y", "table", "ids"));
    }

    @Test
    void gatherOfATableByTokenIdsIsAnEmbeddingHoldingTheTable() throws Exception {
        OnnxImport imported = OnnxImporter.read(model(lookup()).toByteArray(), "lookup.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        Layer embed = (Layer) chain.elements().get(0).node();
        assertThat(embed.type()).isEqualTo("Embedding");
        assertThat(embed.params().getInt("size")).isEqualTo(3);
        assertThat(embed.params().getInt("vocabulary")).isEqualTo(10);
        // The token ids are indices into the table's 10 rows.
        assertThat(chain.input().type()).isEqualTo(new TensorType(ElementKind.index(10), List.of(Dim.symbolic("n"))));
        float[] weights = imported.weights().get("embed/weights").orElseThrow().floats();
        assertThat(weights).hasSize(30);
        assertThat(weights[3 * 7 + 1]).isEqualTo(7.25f);
    }

    @Test
    void idsLookedUpInTwoTablesRangeOverTheSmallerOne() throws Exception {
        GraphProto.Builder g = lookup().clearOutput().addInitializer(table("small", 4))
                .addNode(node("Gather", "embed2", "z", "small", "ids")).addNode(node("Add", "add", "y2", "y", "z"))
                .addOutput(value("y2", FLOAT, "batch", "n", 3));
        OnnxImport imported = OnnxImporter.read(model(g).toByteArray(), "two.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        assertThat(((Graph) imported.document().net()).inputs().get("ids").type().kind()).isEqualTo(ElementKind.index(4));
    }

    @Test
    void idsAlsoReadByAShapeStayIndicesAndTheShapeStaysAnOnnxOperator() throws Exception {
        GraphProto.Builder g = lookup().addNode(node("Shape", "shape", "s", "ids")).addOutput(value("s", INT64, 2));
        OnnxImport imported = OnnxImporter.read(model(g).toByteArray(), "shape.onnx");

        assertThat(imported.report().entries()).filteredOn(e -> e.onnxName().equals("embed"))
                .extracting(ImportReport.Entry::layerType).containsExactly("Embedding");
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).containsExactly("Shape");
    }

    @Test
    void idsPassedOnByIdentityStayIntegersAndTheLookupStaysOpaqueWithTheReason() throws Exception {
        GraphProto.Builder g = lookup().addNode(node("Identity", "same", "ids2", "ids")).addOutput(value("ids2", INT64, "batch", "n"));
        OnnxImport imported = OnnxImporter.read(model(g).toByteArray(), "identity.onnx");

        ImportReport.Entry embed = imported.report().opaque().get(0);
        assertThat(embed.onnxName()).isEqualTo("embed");
        assertThat(embed.reason()).contains("Identity or Dropout").contains("stay integers");
        assertThat(((Graph) imported.document().net()).inputs().get("ids").type().kind()).isEqualTo(ElementKind.INTEGER);
    }

    @Test
    void idsComputedInsideTheModelLeaveTheLookupOpaqueWithTheReason() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(value("x", INT64, "batch", "n"))
                .addOutput(value("y", FLOAT, "batch", "n", 3)).addInitializer(table("table", 10))
                .addNode(node("Abs", "abs", "ids", "x")).addNode(node("Gather", "embed", "y", "table", "ids"));
        OnnxImport imported = OnnxImporter.read(model(g).toByteArray(), "computed.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::onnxName).contains("embed");
        assertThat(imported.report().opaque()).filteredOn(e -> e.onnxName().equals("embed"))
                .extracting(ImportReport.Entry::reason).first().asString().contains("computed inside the model");
    }

    @Test
    void aGatherOnAnotherAxisOrOfAVectorIsNoEmbedding() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(value("ids", INT64, "batch", "n"))
                .addOutput(value("y", FLOAT, "batch", "n")).addInitializer(OnnxTensors.floats("v", new long[] {10}, new float[10]))
                .addNode(node("Gather", "pick", "y", "v", "ids"));
        OnnxImport imported = OnnxImporter.read(model(g).toByteArray(), "vector.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::onnxName).containsExactly("pick");
        assertThat(((Chain) imported.document().net()).input().type().kind()).isEqualTo(ElementKind.INTEGER);
    }

    @Test
    void aCatalogEmbeddingExportsAsAGatherAndImportsBack() throws Exception {
        OnnxImport imported = OnnxImporter.read(model(lookup()).toByteArray(), "lookup.onnx");
        NetDocument doc = imported.document();

        ModelProto exported = OnnxExporter.model(doc, imported.weights());
        assertThat(exported.getGraph().getNodeList()).extracting(NodeProto::getOpType).contains("Gather").doesNotContain("Cast");
        assertThat(exported.getGraph().getInput(0).getType().getTensorType().getElemType()).isEqualTo(INT64);

        OnnxImport again = OnnxImporter.read(exported.toByteArray(), "again.onnx");
        assertThat(again.report().opaque()).isEmpty();
        Layer embed = (Layer) ((Chain) again.document().net()).elements().get(0).node();
        assertThat(embed.type()).isEqualTo("Embedding");
        assertThat(again.weights().arrays().values()).singleElement().satisfies(a -> assertThat(a.floats())
                .containsExactly(imported.weights().get("embed/weights").orElseThrow().floats()));
    }
}
