package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
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

/**
 * Exporting a layer whose ONNX form depends on its input's rank, after an imported operator of
 * unknown output rank, is refused naming the layer (issue 15: DenseNet, SqueezeNet and U-Net
 * died with NegativeArraySizeException at Params.perAxis).
 */
class ExportAfterOpaqueTest {

    private static ValueInfoProto value(String name, int elemType, Integer... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Integer d : dims) {
            s.addDim(d == null ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
    }

    /** x [batch, 3, 8, 8] → Squeeze(axes given at run time: rank unknown) → MaxPool 2×2 → y. */
    private static ModelProto squeezeThenPool() {
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, null, 3, 8, 8))
                .addInput(value("axes", TensorProto.DataType.INT64_VALUE, 1))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))))
                .addNode(NodeProto.newBuilder().setOpType("Squeeze").setName("squeeze").addInput("x").addInput("axes")
                        .addOutput("s"))
                .addNode(NodeProto.newBuilder().setOpType("MaxPool").setName("pool").addInput("s").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("kernel_shape")
                                .setType(AttributeProto.AttributeType.INTS).addInts(2).addInts(2)))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    @Test
    void aPoolingAfterAnOperatorOfUnknownRankIsRefusedNamingIt() throws IOException {
        OnnxImport imported = OnnxImporter.read(squeezeThenPool().toByteArray(), "squeeze.onnx");

        assertThatThrownBy(() -> OnnxExporter.export(imported.document(), imported.weights()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("'[^']*pool[^']*' \\(Pooling\\) cannot be exported to ONNX: how many axes its input"
                        + " has is not known \\(it comes from an imported ONNX operator whose output shape NetStudio"
                        + " cannot tell\\)");
    }
}
