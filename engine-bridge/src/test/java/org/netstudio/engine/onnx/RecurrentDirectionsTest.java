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
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Reverse and bidirectional LSTM, GRU and RNN nodes with layout=1 (batch first, as ONNX opset 14
 * allows), both Y ({@code [batch, n, directions, units]}) and Y_h ({@code [batch, directions, units]})
 * read: imported as catalog layers, they compute what ONNX Runtime computes. ONNX Runtime runs only
 * layout=0, so it runs the same node time-major and its outputs are put batch first to compare.
 */
class RecurrentDirectionsTest {

    private static final int N = 5;
    private static final int D = 3;
    private static final int UNITS = 4;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"LSTM, reverse", "LSTM, bidirectional", "GRU, reverse", "GRU, bidirectional", "RNN, reverse",
        "RNN, bidirectional"})
    void importedNodeComputesWhatOnnxRuntimeComputes(String op, String direction) throws IOException {
        OnnxImport imported = OnnxImporter.read(model(op, direction, 1), op + ".onnx");
        assertThat(imported.report().opaque()).isEmpty();

        float[] x = OnnxRoundTripTest.random(2 * N * D, 21);
        Map<String, TensorValue> expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(model(op, direction, 0))) {
            expected = ort.run(Map.of("x", TensorValue.of(swap(x, 2, N, D), N, 2, D)));
        }
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        // ORT's Y [n, dirs, batch, units] and Y_h [dirs, batch, units], batch first.
        TensorValue y = TensorValue.of(batchFirst(expected.get("Y").values(), dirs), 2, N, dirs, UNITS);
        TensorValue yh = TensorValue.of(swap(expected.get("Y_h").values(), dirs, 2, UNITS), 2, dirs, UNITS);
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            List<TensorValue> actual = runner.run(List.of(TensorValue.of(x, 2, N, D)));
            OnnxConformanceTest.assertClose(op + " " + direction + " Y", actual.get(0), y);
            OnnxConformanceTest.assertClose(op + " " + direction + " Y_h", actual.get(1), yh);
        }
    }

    /** {@code [a, b, c]} values as {@code [b, a, c]}. */
    private static float[] swap(float[] v, int a, int b, int c) {
        float[] out = new float[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * c, out, (j * a + i) * c, c);
            }
        }
        return out;
    }

    /** Y {@code [n, dirs, batch, units]} as {@code [batch, n, dirs, units]}. */
    private static float[] batchFirst(float[] v, int dirs) {
        float[] out = new float[v.length];
        for (int t = 0; t < N; t++) {
            for (int d = 0; d < dirs; d++) {
                for (int b = 0; b < 2; b++) {
                    System.arraycopy(v, ((t * dirs + d) * 2 + b) * UNITS, out, ((b * N + t) * dirs + d) * UNITS, UNITS);
                }
            }
        }
        return out;
    }

    private static byte[] model(String op, String direction, int layout) {
        int gates = switch (op) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName("rec").addInput("x").addInput("W").addInput("R")
                .addInput("B").addOutput("Y").addOutput("Y_h")
                .addAttribute(AttributeProto.newBuilder().setName("hidden_size").setType(AttributeProto.AttributeType.INT).setI(UNITS))
                .addAttribute(AttributeProto.newBuilder().setName("layout").setType(AttributeProto.AttributeType.INT).setI(layout))
                .addAttribute(AttributeProto.newBuilder().setName("direction").setType(AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8(direction)));
        if (op.equals("GRU")) {
            node.addAttribute(AttributeProto.newBuilder().setName("linear_before_reset").setType(AttributeProto.AttributeType.INT).setI(1));
        }
        GraphProto g = GraphProto.newBuilder().setName("rec").addNode(node)
                .addInitializer(floats("W", 31, dirs, gates * UNITS, D))
                .addInitializer(floats("R", 32, dirs, gates * UNITS, UNITS))
                .addInitializer(floats("B", 33, dirs, 2 * gates * UNITS))
                .addInput(layout == 1 ? value("x", -1, N, D) : value("x", N, -1, D))
                .addOutput(layout == 1 ? value("Y", -1, N, dirs, UNITS) : value("Y", N, dirs, -1, UNITS))
                .addOutput(layout == 1 ? value("Y_h", -1, dirs, UNITS) : value("Y_h", dirs, -1, UNITS))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14)).build().toByteArray();
    }

    private static TensorProto floats(String name, long seed, long... shape) {
        int count = 1;
        for (long s : shape) {
            count *= (int) s;
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long s : shape) {
            t.addDims(s);
        }
        for (float v : OnnxRoundTripTest.random(count, seed)) {
            t.addFloatData(0.5f * v);
        }
        return t.build();
    }

    /** A float value; -1 is the batch axis, named. */
    private static ValueInfoProto value(String name, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
