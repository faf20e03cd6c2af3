package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Which arrays can learn when an imported operator passes no gradient (issue 15: a fine-tuned
 * MobileNet-v2 changed 2 of its 176 arrays, because its opaque Clip nodes pass no gradient).
 */
class GradientReachTest {

    private static ValueInfoProto value(String name, int size) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor
                .newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size))))).build();
    }

    private static TensorProto matrix(String name, int rows, int columns) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(rows).addDims(columns);
        for (int i = 0; i < rows * columns; i++) {
            t.addFloatData(0.1f * (i % 7));
        }
        return t.build();
    }

    /** x [batch, 4] → Gemm (4→3) → Sign, opaque → [Gemm (3→2) →] y. */
    private static OnnxImport imported(boolean head) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(value("x", 4))
                .addOutput(value("y", head ? 2 : 3))
                .addInitializer(matrix("w1", 3, 4))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").setName("body").addInput("x").addInput("w1")
                        .addOutput("h").addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("transB")
                                .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT).setI(1)))
                .addNode(NodeProto.newBuilder().setOpType("Sign").setName("sign").addInput("h")
                        .addOutput(head ? "e" : "y"));
        if (head) {
            g.addInitializer(matrix("w2", 2, 3)).addValueInfo(value("e", 3))
                    .addNode(NodeProto.newBuilder().setOpType("Gemm").setName("head").addInput("e").addInput("w2")
                            .addOutput("y").addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder()
                                    .setName("transB").setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT)
                                    .setI(1)));
        }
        g.addValueInfo(value("h", 3));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        OnnxImport imported = OnnxImporter.read(m.toByteArray(), "sign.onnx");
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).containsExactly("Sign");
        return imported;
    }

    @Test
    void arraysBeforeAnOpaqueOperatorCannotLearnAndAreNamed() throws IOException {
        GradientReach reach = GradientReach.of(imported(true).document().net());

        assertThat(reach.frozen()).singleElement().asString().startsWith("body");
        assertThat(reach.learning()).singleElement().asString().startsWith("head");
        assertThat(reach.walls()).singleElement().asString().startsWith("Sign '");
        assertThat(reach.nothingLearns()).isFalse();
        assertThat(reach.describe()).hasValueSatisfying(d -> assertThat(d).matches("1 of 2 trainable arrays cannot "
                + "learn: every path from them to the output goes through an imported ONNX operator, which passes no "
                + "gradient \\(Sign '[^']+'\\): body\\S*/weights"));
    }

    @Test
    void whenEveryArraySitsBeforeAnOpaqueOperatorNothingLearns() throws IOException {
        GradientReach reach = GradientReach.of(imported(false).document().net());

        assertThat(reach.learning()).isEmpty();
        assertThat(reach.nothingLearns()).isTrue();
    }

    @Test
    void aNetOfCatalogLayersLearnsEverywhere() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 8), Layer.of("Tanh"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax"));

        GradientReach reach = GradientReach.of(net);

        assertThat(reach.learning()).hasSize(4);
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.describe()).isEmpty();
        assertThat(reach.nothingLearns()).isFalse();
    }

    /**
     * x → Gemm body → h; h · Sign(h) → Gemm head → y: the body learns through the product's h, but not through
     * the opaque Sign, so it learns from part of its gradient only, and is named for it.
     */
    @Test
    void anArrayWithOnePathThroughAnOpaqueOperatorLearnsFromPartOfItsGradient() throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(value("x", 4)).addOutput(value("y", 2))
                .addInitializer(matrix("w1", 3, 4)).addInitializer(matrix("w2", 2, 3))
                .addValueInfo(value("h", 3)).addValueInfo(value("e", 3)).addValueInfo(value("m", 3))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").setName("body").addInput("x").addInput("w1t")
                        .addOutput("h"))
                .addNode(NodeProto.newBuilder().setOpType("Sign").setName("sign").addInput("h").addOutput("e"))
                .addNode(NodeProto.newBuilder().setOpType("Mul").setName("gate").addInput("h").addInput("e")
                        .addOutput("m"))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").setName("head").addInput("m").addInput("w2t")
                        .addOutput("y"));
        g.addInitializer(matrix("w1t", 4, 3)).addInitializer(matrix("w2t", 3, 2));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        OnnxImport imported = OnnxImporter.read(m.toByteArray(), "bypass.onnx");
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).containsExactly("Sign");

        GradientReach reach = GradientReach.of(imported.document().net());

        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.partial()).singleElement().asString().startsWith("body");
        assertThat(reach.describe()).hasValueSatisfying(d -> assertThat(d).matches("1 of 2 trainable arrays learn from"
                + " part of their gradient only: some paths from them to the output go through an imported ONNX"
                + " operator, which passes no gradient \\(Sign '[^']+'\\): body\\S*"));
    }
}
