package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.node;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.value;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * A model's output ports read with the length its inputs have, not an exporter's made-up name for
 * it ("Addoutput_0_dim_1"); what the file fixes, or names after an input's axis, stands.
 */
class OutputPortTypesTest {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** x (its declared dims) → one operator → y (its declared dims). */
    private static OnnxImport imported(NodeProto op, Object[] in, Object... out) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("m").addInput(value("x", FLOAT, in)).addNode(op)
                .addOutput(value("y", FLOAT, out)).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
        return OnnxImporter.read(m.toByteArray(), "m.onnx");
    }

    private static String outputShape(OnnxImport i) {
        return NetSummary.of(i.document().net()).outputs().get(0).type().shapeText();
    }

    private static NodeProto sign() {
        return node("Sign", "sign", List.of("x"), "y");
    }

    @Test
    void anExportersNameForTheSequenceLengthBecomesTheInputsLength() throws Exception {
        // As MiniLM's export declares them: token axis named like the batch, output axis made up.
        OnnxImport i = imported(sign(), new Object[] {"batch", "batch", 384}, "batch", "Addoutput_0_dim_1", 384);

        assertThat(NetSummary.of(i.document().net()).inputs().get(0).type().shapeText()).isEqualTo("n×384");
        assertThat(outputShape(i)).isEqualTo("n×384");
        assertThat(i.report().notes()).isEmpty();
    }

    @Test
    void aNameTheInputsShareStands() throws Exception {
        assertThat(outputShape(imported(sign(), new Object[] {"batch", "tokens", 8}, "batch", "tokens", 8))).isEqualTo("tokens×8");
    }

    @Test
    void whatTheRulesCannotTellKeepsTheDeclaredName() throws Exception {
        NodeProto custom = node("Mystery", "mystery", List.of("x"), "y").toBuilder().setDomain("com.example").build();
        OnnxImport i = imported(custom, new Object[] {"batch", "n", 8}, "batch", "Mystery_dim_1", 8);

        assertThat(outputShape(i)).isEqualTo("Mystery_dim_1×8");
    }

    @Test
    void aFixedDeclaredSizeIsNeverReplacedAndADisagreementIsNoted() throws Exception {
        // The rules say n×8, the file 3 values a token: the file's word stands, and the import says so.
        OnnxImport i = imported(sign(), new Object[] {"batch", "n", 8}, "batch", "Sign_dim_1", 3);

        assertThat(outputShape(i)).isEqualTo("Sign_dim_1×3");
        assertThat(i.report().notes()).singleElement().asString().contains("\"y\"").contains("declared Sign_dim_1×3")
                .contains("n×8").contains("kept");
    }
}
