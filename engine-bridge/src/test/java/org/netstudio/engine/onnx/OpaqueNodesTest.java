package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Operators without a catalog layer run in the engine through ONNX Runtime: an operator with
 * two used outputs (Split), one with a constant integer input, and one with an attribute.
 */
class OpaqueNodesTest {

    /** x [batch, 6] → Split into 2 + 4 → Sign(first 2) · ReduceSumSquare(last 4) → y [batch, 2]. */
    static ModelProto model() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(2).putLong(4);
        TensorProto split = TensorProto.newBuilder().setName("split").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(2).setRawData(ByteString.copyFrom(b.array())).build();
        GraphProto g = GraphProto.newBuilder()
                .addInput(value("x", 6)).addOutput(value("y", 2))
                .addValueInfo(value("e", 2)).addValueInfo(value("s", 1))
                .addInitializer(split)
                .addNode(NodeProto.newBuilder().setOpType("Split").setName("split").addInput("x").addInput("split")
                        .addOutput("a").addOutput("b")
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addNode(NodeProto.newBuilder().setOpType("Sign").setName("sign").addInput("a").addOutput("e"))
                .addNode(NodeProto.newBuilder().setOpType("ReduceSumSquare").setName("energy").addInput("b").addOutput("s")
                        .addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(1)))
                .addNode(NodeProto.newBuilder().setOpType("Mul").setName("mix").addInput("e").addInput("s").addOutput("y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    private static ValueInfoProto value(String name, int size) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor
                .newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size))))).build();
    }

    @Test
    void opaqueOperatorsRunInTheEngineAndExportAsTheyWere() throws IOException {
        byte[] bytes = model().toByteArray();
        OnnxImport imported = OnnxImporter.read(bytes, "opaque.onnx");
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType)
                .containsExactly("Split", "Sign", "ReduceSumSquare");
        assertThat(imported.report().entries()).filteredOn(e -> e.opType().equals("Mul"))
                .singleElement().extracting(ImportReport.Entry::layerType).isEqualTo("Threading");

        TensorValue x = TensorValue.of(OnnxRoundTripTest.random(18, 4), 3, 6);
        TensorValue expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(Map.of("x", x)).get("y");
        }
        TensorValue actual;
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            actual = runner.run(List.of(x)).get(0);
        }
        OnnxConformanceTest.assertClose("engine", actual, expected);

        byte[] exported = OnnxExporter.export(imported.document(), imported.weights());
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(exported)) {
            OnnxConformanceTest.assertClose("exported", ort.run(Map.of("x", x)).values().iterator().next(), expected);
        }
    }

    /** Shape is answered from the array's dimensions (no copy into ONNX Runtime), start and end as ONNX says. */
    @Test
    void anOpaqueShapeGivesTheDimensionsWithStartAndEnd() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = m.zeros(new ai.djl.ndarray.types.Shape(3, 6, 4));
            assertThat(shapeNode(null, null).forward(new ai.djl.ndarray.NDList(x), new ai.djl.ndarray.NDArray[0])
                    .head().toLongArray()).containsExactly(3, 6, 4);
            assertThat(shapeNode(1L, null).forward(new ai.djl.ndarray.NDList(x), new ai.djl.ndarray.NDArray[0])
                    .head().toLongArray()).containsExactly(6, 4);
            assertThat(shapeNode(-2L, -1L).forward(new ai.djl.ndarray.NDList(x), new ai.djl.ndarray.NDArray[0])
                    .head().toLongArray()).containsExactly(6);
            assertThat(shapeNode(5L, 9L).forward(new ai.djl.ndarray.NDList(x), new ai.djl.ndarray.NDArray[0])
                    .head().toLongArray()).as("clamped to the rank").isEmpty();
        }
    }

    private static OnnxNodeSession shapeNode(Long start, Long end) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Shape").setName("shape").addInput("x").addOutput("s");
        if (start != null) {
            n.addAttribute(AttributeProto.newBuilder().setName("start").setType(AttributeProto.AttributeType.INT).setI(start));
        }
        if (end != null) {
            n.addAttribute(AttributeProto.newBuilder().setName("end").setType(AttributeProto.AttributeType.INT).setI(end));
        }
        return new OnnxNodeSession(org.netstudio.netgraph.net.Layer.of("OnnxOperator", "op", "Shape",
                "node", java.util.Base64.getEncoder().encodeToString(n.build().toByteArray()),
                "inputs", "wire float", "outputs", "Integer 3", "opset", 15).params());
    }
}
