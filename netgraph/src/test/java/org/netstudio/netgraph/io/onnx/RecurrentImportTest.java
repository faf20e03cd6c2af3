package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.value;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.Layer;

/** ONNX LSTM/GRU/RNN import: which nodes become layers, with their gates in NetStudio's order, and why others do not. */
class RecurrentImportTest {

    private static final int UNITS = 2;
    private static final int D = 3;
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** Every row of gate block k holds k + 1 (weights) or 10·(k + 1) (input biases), 100·(k + 1) (state biases). */
    private static float[] blocks(int gates, int perBlock, float scale) {
        float[] v = new float[gates * perBlock];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * (i / perBlock + 1);
        }
        return v;
    }

    /**
     * x [batch, n, 3] → Transpose(1, 0, 2) → op → Squeeze(Y, 1) → Transpose(1, 0, 2) → y, as PyTorch
     * exports a batch-first recurrent layer; {@code extra} attributes are added to the recurrent node.
     */
    private static ModelProto model(String op, boolean transposed, AttributeProto... extra) {
        int gates = RecurrentGates.gates(op);
        float[] b = new float[2 * gates * UNITS];
        System.arraycopy(blocks(gates, UNITS, 10), 0, b, 0, gates * UNITS);
        System.arraycopy(blocks(gates, UNITS, 100), 0, b, gates * UNITS, gates * UNITS);
        NodeProto.Builder rec = NodeProto.newBuilder().setOpType(op).setName("rec")
                .addAllInput(List.of(transposed ? "xt" : "x", "W", "R", "B")).addOutput("Y").addOutput("Y_h")
                .addAttribute(AttributeProto.newBuilder().setName("hidden_size").setType(AttributeProto.AttributeType.INT).setI(UNITS));
        for (AttributeProto a : extra) {
            rec.addAttribute(a);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("rec")
                .addInput(value("x", FLOAT, "batch", 5, D))
                .addOutput(value("y", FLOAT, "batch", 5, UNITS))
                .addInitializer(OnnxTensors.floats("W", new long[] {1, gates * UNITS, D}, blocks(gates, UNITS * D, 1)))
                .addInitializer(OnnxTensors.floats("R", new long[] {1, gates * UNITS, UNITS}, blocks(gates, UNITS * UNITS, 1)))
                .addInitializer(OnnxTensors.floats("B", new long[] {1, 2 * gates * UNITS}, b))
                .addInitializer(OnnxTensors.longs("axes", new long[] {1}, new long[] {1}));
        if (transposed) {
            g.addNode(transpose("x", "xt"));
        }
        g.addNode(rec).addNode(NodeProto.newBuilder().setOpType("Squeeze").setName("squeeze").addInput("Y").addInput("axes")
                .addOutput("s")).addNode(transpose("s", "y"));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
    }

    private static NodeProto transpose(String in, String out) {
        return NodeProto.newBuilder().setOpType("Transpose").setName("t_" + out).addInput(in).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(0).addInts(2)).build();
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** The gate block numbers (1-based ONNX blocks) a NetStudio array holds, block by block. */
    private static List<Integer> order(float[] values, int gates, float scale) {
        int per = values.length / gates;
        return java.util.stream.IntStream.range(0, gates).mapToObj(k -> Math.round(values[k * per] / scale)).toList();
    }

    @Test
    void lstmBecomesOneLayerWithGatesInNetStudiosOrder() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("LSTM", true).toByteArray(), "lstm.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        assertThat(chain.nodes()).hasSize(1);
        Layer lstm = (Layer) chain.nodes().get(0);
        assertThat(lstm.type()).isEqualTo("LSTM");
        assertThat(lstm.params().getInt("units")).isEqualTo(UNITS);
        assertThat(lstm.params().getBool("returnSequences")).isTrue();
        String name = chain.elements().get(0).name();
        // ONNX stacks i, o, f, c; NetStudio (PyTorch) i, f, g, o.
        assertThat(order(imported.weights().get(name + "/inputWeights").orElseThrow().floats(), 4, 1)).containsExactly(1, 3, 4, 2);
        assertThat(order(imported.weights().get(name + "/stateWeights").orElseThrow().floats(), 4, 1)).containsExactly(1, 3, 4, 2);
        assertThat(order(imported.weights().get(name + "/inputBiases").orElseThrow().floats(), 4, 10)).containsExactly(1, 3, 4, 2);
        assertThat(order(imported.weights().get(name + "/stateBiases").orElseThrow().floats(), 4, 100)).containsExactly(1, 3, 4, 2);
        assertThat(imported.weights().get(name + "/inputWeights").orElseThrow().shape()).containsExactly(4 * UNITS, D);
    }

    @Test
    void gruWithTheResetAfterItsLinearMapBecomesOneLayerWithGatesReordered() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("GRU", true, intAttr("linear_before_reset", 1)).toByteArray(), "gru.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        assertThat(((Layer) chain.nodes().get(0)).type()).isEqualTo("GRU");
        // ONNX stacks z, r, h; NetStudio r, z, n.
        assertThat(order(imported.weights().get(chain.elements().get(0).name() + "/inputWeights").orElseThrow().floats(), 3, 1))
                .containsExactly(2, 1, 3);
    }

    @Test
    void gruResettingBeforeItsLinearMapStaysOpaque() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("GRU", true).toByteArray(), "gru.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::reason)
                .anyMatch(r -> r.contains("linear_before_reset=0"));
    }

    @Test
    void aTimeMajorInputStaysOpaqueBecauseItsFirstAxisIsNotTheBatch() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("LSTM", false).toByteArray(), "lstm.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::reason)
                .anyMatch(r -> r.contains("time-major"));
    }

    private static AttributeProto direction(String d) {
        return AttributeProto.newBuilder().setName("direction").setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(d)).build();
    }

    /** direction=reverse reads the sequence backwards and gives its states in time order: SequenceReverse on both sides. */
    @Test
    void aReverseDirectionBecomesAGraphBetweenTwoSequenceReverses() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("LSTM", true, direction("reverse")).toByteArray(), "lstm.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        Graph block = (Graph) chain.nodes().get(0);
        assertThat(block.nodes()).containsOnlyKeys("reverse", "backward", "inTimeOrder");
        assertThat(block.edges()).contains(new Edge(PortRef.graphPort("Input"), PortRef.of("reverse", "Input")),
                new Edge(PortRef.of("reverse", "Output"), PortRef.of("backward", "Input")),
                new Edge(PortRef.of("backward", "Output"), PortRef.of("inTimeOrder", "Input")),
                new Edge(PortRef.of("inTimeOrder", "Output"), PortRef.graphPort("Output")));
        String name = chain.elements().get(0).name();
        assertThat(order(imported.weights().get(name + "/backward/inputWeights").orElseThrow().floats(), 4, 1))
                .containsExactly(1, 3, 4, 2);
    }

    /**
     * A bidirectional node with layout=1 ([batch, n, 2, units] out): each direction gets its own
     * slice of W, R and B, and the joined sequence is reshaped to keep ONNX's direction axis.
     */
    @Test
    void aBidirectionalBatchwiseNodeSplitsItsWeightsByDirection() throws Exception {
        int gates = 1;
        float[] w = new float[2 * UNITS * D];
        java.util.Arrays.fill(w, UNITS * D, w.length, 2f);
        java.util.Arrays.fill(w, 0, UNITS * D, 1f);
        float[] r = new float[2 * UNITS * UNITS];
        float[] b = new float[2 * 2 * UNITS];
        java.util.Arrays.fill(b, 2 * UNITS, b.length, 5f);
        GraphProto g = GraphProto.newBuilder().setName("rnn")
                .addInput(value("x", FLOAT, "batch", 5, D))
                .addOutput(value("Y", FLOAT, "batch", 5, 2, UNITS))
                .addInitializer(OnnxTensors.floats("W", new long[] {2, gates * UNITS, D}, w))
                .addInitializer(OnnxTensors.floats("R", new long[] {2, gates * UNITS, UNITS}, r))
                .addInitializer(OnnxTensors.floats("B", new long[] {2, 2 * gates * UNITS}, b))
                .addNode(NodeProto.newBuilder().setOpType("RNN").setName("rnn").addAllInput(List.of("x", "W", "R", "B"))
                        .addOutput("Y").addAttribute(intAttr("hidden_size", UNITS)).addAttribute(intAttr("layout", 1))
                        .addAttribute(direction("bidirectional")))
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14)).build();

        OnnxImport imported = OnnxImporter.read(m.toByteArray(), "rnn.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        assertThat(chain.nodes()).extracting(NetNode::typeName).containsExactly("Graph", "Reshape");
        assertThat(((Layer) chain.nodes().get(1)).params().getIntList("shape")).containsExactly(-1, 2, UNITS);
        Graph block = (Graph) chain.nodes().get(0);
        assertThat(block.nodes().values()).extracting(NetNode::typeName)
                .containsExactly("RNN", "SequenceReverse", "RNN", "SequenceReverse", "Catenate");
        String name = chain.elements().get(0).name();
        assertThat(imported.weights().get(name + "/forward/inputWeights").orElseThrow().floats()).containsOnly(1f);
        assertThat(imported.weights().get(name + "/backward/inputWeights").orElseThrow().floats()).containsOnly(2f);
        assertThat(imported.weights().get(name + "/forward/inputBiases").orElseThrow().floats()).containsOnly(0f);
        assertThat(imported.weights().get(name + "/backward/inputBiases").orElseThrow().floats()).containsOnly(5f);
    }

    /** ONNX's RNN is the catalog RNN: one gate block, weights as they are. */
    @Test
    void rnnBecomesTheCatalogRnn() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("RNN", true).toByteArray(), "rnn.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        Chain chain = (Chain) imported.document().net();
        Layer rnn = (Layer) chain.nodes().get(0);
        assertThat(rnn.type()).isEqualTo("RNN");
        assertThat(rnn.params().getInt("units")).isEqualTo(UNITS);
        assertThat(imported.weights().get(chain.elements().get(0).name() + "/stateBiases").orElseThrow().floats()).containsOnly(100f);
    }

    /** NetStudio's RNN is tanh: another activation keeps the node an ONNX operator, and the report says so. */
    @Test
    void aReluRnnStaysOpaque() throws Exception {
        AttributeProto relu = AttributeProto.newBuilder().setName("activations").setType(AttributeProto.AttributeType.STRINGS)
                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("Relu")).build();
        OnnxImport imported = OnnxImporter.read(model("RNN", true, relu).toByteArray(), "rnn.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::reason)
                .anyMatch(r -> r.contains("[Relu]") && r.contains("Tanh"));
    }

    /** A bidirectional Y read other than as PyTorch joins it (here squeezed as if one direction) stays opaque, with why. */
    @Test
    void aBidirectionalSequenceReadAsOneDirectionStaysOpaque() throws Exception {
        OnnxImport imported = OnnxImporter.read(model("LSTM", true, direction("bidirectional")).toByteArray(), "lstm.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::reason)
                .anyMatch(r -> r.contains("two directions joined"));
    }

    @Test
    void gatesConvertBackAndForth() throws Exception {
        float[] v = blocks(4, 3, 1);
        assertThat(RecurrentGates.fromOnnx("LSTM", RecurrentGates.toOnnx("LSTM", v))).containsExactly(v);
        float[] g = blocks(3, 3, 1);
        assertThat(RecurrentGates.fromOnnx("GRU", RecurrentGates.toOnnx("GRU", g))).containsExactly(g);
    }
}
