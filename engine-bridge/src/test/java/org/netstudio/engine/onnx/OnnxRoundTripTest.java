package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/** NetStudio → ONNX → NetStudio gives the same net and outputs, and ONNX Runtime computes them too. */
class OnnxRoundTripTest {

    static Chain lenet() {
        return Chain.of(PortDecl.of(TensorType.real(1, 28, 28)),
                Layer.of("Convolution", "channels", 6, "kernel", 5, "padding", 2), Layer.of("Ramp"),
                Layer.of("Pooling", "function", "max", "kernel", 2),
                Layer.of("Convolution", "channels", 16, "kernel", 5), Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2), Layer.of("Flatten"),
                Layer.of("Linear", "units", 120), Layer.of("Ramp"), Layer.of("Linear", "units", 84),
                Layer.of("Sigmoid"), Layer.of("Linear", "units", 10), Layer.of("Softmax"));
    }

    static Graph residual() {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("conv1", Layer.of("Convolution", "channels", 4, "kernel", 3, "padding", 1));
        nodes.put("bn1", Layer.of("BatchNorm", "epsilon", 0.001));
        nodes.put("relu1", Layer.of("Ramp"));
        nodes.put("conv2", Layer.of("Convolution", "channels", 4, "kernel", 3, "padding", "same", "bias", false));
        nodes.put("add", Layer.of("Total").withInputCount(2));
        nodes.put("gelu", Layer.of("LeakyReLU", "alpha", 0.2));
        nodes.put("side", Layer.of("Convolution", "channels", 2, "kernel", 1, "stride", 2));
        nodes.put("pool", Layer.of("GlobalPooling"));
        nodes.put("sidepool", Layer.of("GlobalPooling", "function", "max"));
        nodes.put("join", Layer.of("Catenate").withInputCount(2));
        nodes.put("drop", Layer.of("Dropout", "rate", 0.25));
        nodes.put("dense", Layer.of("Linear", "units", 3));
        nodes.put("scale", Layer.of("Threading", "function", "times"));
        List<Edge> edges = List.of(
                edge(null, "x", "conv1", "Input"), edge("conv1", "Output", "bn1", "Input"),
                edge("bn1", "Output", "relu1", "Input"), edge("relu1", "Output", "conv2", "Input"),
                edge("conv2", "Output", "add", "Input1"), edge(null, "x", "add", "Input2"),
                edge("add", "Output", "gelu", "Input"), edge("gelu", "Output", "side", "Input"),
                edge("gelu", "Output", "pool", "Input"), edge("side", "Output", "sidepool", "Input"),
                edge("pool", "Output", "join", "Input1"), edge("sidepool", "Output", "join", "Input2"),
                edge("join", "Output", "drop", "Input"), edge("drop", "Output", "dense", "Input"),
                edge("dense", "Output", "scale", "Input1"), edge(null, "gain", "scale", "Input2"),
                edge("scale", "Output", null, "y"));
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("x", PortDecl.of(TensorType.real(4, 6, 6)));
        inputs.put("gain", PortDecl.of(TensorType.real(3)));
        return new Graph(inputs, nodes, edges, Map.of("y", PortDecl.UNSPECIFIED));
    }

    private static Edge edge(String fromNode, String fromPort, String toNode, String toPort) {
        return new Edge(new PortRef(fromNode, fromPort), new PortRef(toNode, toPort));
    }

    @Test
    void lenetComesBackAsTheSameChainAndComputesTheSame() throws IOException {
        Chain net = lenet();
        Chain back = sameChainBack(net, 3, TensorValue.of(random(2 * 28 * 28, 1), 2, 1, 28, 28));
        assertThat(back.elements()).extracting(Chain.Element::name)
                .containsExactlyElementsOf(net.elements().stream().map(Chain.Element::name).toList());
        assertThat(back.input()).isEqualTo(net.input());
    }

    @Test
    void residualGraphComesBackAsTheSameGraphAndComputesTheSame() throws IOException {
        Graph net = residual();
        RoundTrip r = roundTrip(net, 5, TensorValue.of(random(2 * 4 * 6 * 6, 2), 2, 4, 6, 6),
                TensorValue.of(random(6, 3), 2, 3));
        assertThat(r.back()).isInstanceOf(Graph.class);
        Graph back = (Graph) r.back();
        // "same" padding comes back as the explicit padding it stands for.
        Map<String, NetNode> expected = new LinkedHashMap<>(net.nodes());
        expected.put("conv2", ((Layer) expected.get("conv2")).with("padding", 1));
        assertThat(back.nodes().keySet()).isEqualTo(expected.keySet());
        assertThat(described(back.nodes().keySet().stream().map(back.nodes()::get).toList()))
                .isEqualTo(described(back.nodes().keySet().stream().map(expected::get).toList()));
        assertThat(new HashSet<>(back.edges())).isEqualTo(new HashSet<>(net.edges()));
        assertThat(back.inputs()).isEqualTo(net.inputs());
        assertThat(back.outputNames()).isEqualTo(net.outputNames());
    }

    /**
     * LSTM and GRU go out as ONNX's time-major operators, a simple RNN as ONNX's RNN and a
     * SequenceReverse as a backwards Slice; all come back as the same layers, computing the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentChains")
    void recurrentChainComesBackAsTheSameChainAndComputesTheSame(String label, Chain net, long seed, TensorValue input)
            throws IOException {
        sameChainBack(net, seed, input);
    }

    static Stream<Arguments> recurrentChains() {
        return Stream.of(
                Arguments.of("LSTM and GRU", Chain.of(PortDecl.of(TensorType.real(7, 3)), Layer.of("LSTM", "units", 5),
                        Layer.of("Tanh"), Layer.of("GRU", "units", 4, "returnSequences", false), Layer.of("Linear", "units", 2)),
                        9L, TensorValue.of(random(2 * 7 * 3, 4), 2, 7, 3)),
                Arguments.of("LSTM's last step", Chain.of(PortDecl.of(TensorType.real(6, 2)), Layer.of("LSTM", "units", 3),
                        Layer.of("SequenceLast"), Layer.of("Linear", "units", 2)),
                        12L, TensorValue.of(random(3 * 6 * 2, 5), 3, 6, 2)),
                Arguments.of("RNN and SequenceReverse", Chain.of(PortDecl.of(TensorType.real(7, 3)), Layer.of("RNN", "units", 5),
                        Layer.of("SequenceReverse"), Layer.of("RNN", "units", 4, "returnSequences", false),
                        Layer.of("Linear", "units", 2)),
                        14L, TensorValue.of(random(2 * 7 * 3, 6), 2, 7, 3)));
    }

    /**
     * An LSTM whose whole sequence is also an output of the net: its last step cannot come from its last state
     * alone (the sequence is still wanted), and the export to run computes both outputs as the net does.
     */
    @Test
    void anLstmSequenceReadBeyondItsLastStepStaysWhole() throws IOException {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("lstm", Layer.of("LSTM", "units", 3));
        nodes.put("last", Layer.of("SequenceLast"));
        nodes.put("lstm2", Layer.of("LSTM", "units", 2));
        Graph net = new Graph(Map.of("x", PortDecl.of(TensorType.real(6, 2))), nodes, List.of(
                edge(null, "x", "lstm", "Input"), edge("lstm", "Output", "last", "Input"),
                edge("lstm", "Output", "lstm2", "Input"), edge("last", "Output", null, "last"),
                edge("lstm2", "Output", null, "all")), new LinkedHashMap<>(Map.of("last", PortDecl.UNSPECIFIED, "all", PortDecl.UNSPECIFIED)));
        roundTrip(net, 21, TensorValue.of(random(3 * 6 * 2, 7), 3, 6, 2));
    }

    /**
     * Self-attention with its query, key and value Linear layers runs on the ONNX Runtime route as one fused
     * Attention operator, with or without a key mask of 0s and 1s, computing what NetStudio computes; a causal one
     * is left written out.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"none, false, 1", "none, true, 1", "causal, false, 0"})
    void selfAttentionRunsAsOneFusedOperatorWhereItFits(String mask, boolean keyMask, int fused) throws IOException {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("q", Layer.of("Linear", "units", 8));
        nodes.put("k", Layer.of("Linear", "units", 8));
        nodes.put("v", Layer.of("Linear", "units", 6));
        nodes.put("att", keyMask ? Layer.of("Attention", "heads", 2, "mask", mask).withInputCount(1)
                : Layer.of("Attention", "heads", 2, "mask", mask));
        List<Edge> edges = new java.util.ArrayList<>(List.of(edge(null, "x", "q", "Input"), edge(null, "x", "k", "Input"),
                edge(null, "x", "v", "Input"), edge("k", "Output", "att", "Key"), edge("v", "Output", "att", "Value"),
                edge("q", "Output", "att", "Query"), edge("att", "Output", null, "y")));
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("x", PortDecl.of(TensorType.real(5, 4)));
        List<TensorValue> feed = new java.util.ArrayList<>(List.of(TensorValue.of(random(2 * 5 * 4, 8), 2, 5, 4)));
        if (keyMask) {
            edges.add(edge(null, "mask", "att", "Mask1"));
            inputs.put("mask", PortDecl.of(TensorType.real(5)));
            feed.add(TensorValue.of(new float[] {1, 1, 1, 0, 0, 1, 0, 1, 1, 1}, 2, 5));
        }
        Graph net = new Graph(inputs, nodes, edges, Map.of("y", PortDecl.UNSPECIFIED));
        TensorValue expected;
        byte[] model;
        try (NetRunner runner = NetRunner.untrained(net, 23)) {
            expected = runner.run(feed).get(0);
            model = OnnxExporter.exportToRun(new NetDocument("net", net, null), runner.weights());
        }
        assertThat(ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).getGraph().getNodeList())
                .filteredOn(n -> n.getOpType().equals("Attention")).hasSize(fused);
        Map<String, TensorValue> in = new LinkedHashMap<>();
        in.put("x", feed.get(0));
        if (keyMask) {
            in.put("mask", feed.get(1));
        }
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(model)) {
            OnnxConformanceTest.assertClose("self-attention " + mask + (keyMask ? " masked" : ""),
                    ort.run(in).get("y"), expected);
        }
    }

    /** An Embedding goes out as a Gather of its table by the int64 token ids and comes back as the same layer. */
    @Test
    void embeddingTextClassifierComesBackAndComputesTheSame() throws IOException {
        Chain net = Chain.of(PortDecl.of(new TensorType(org.netstudio.netgraph.tensor.ElementKind.index(11), List.of(org.netstudio.netgraph.tensor.Dim.symbolic("n")))),
                Layer.of("Embedding", "size", 4, "vocabulary", 11), Layer.of("GRU", "units", 3, "returnSequences", false),
                Layer.of("Linear", "units", 2));
        float[] ids = {0, 3, 10, 7, 1, 5, 5, 2, 9, 10, 4, 6};
        assertThat(sameChainBack(net, 15, TensorValue.of(ids, 3, 4)).input()).isEqualTo(net.input());
    }

    @Test
    void layersWithoutAnOnnxFormAreAllNamedInTheRefusal() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(5, 3)), Layer.of("RNN", "units", 4),
                Layer.of("Elementwise", "function", "x^2"), Layer.of("UnitVector", "size", 3), Layer.of("SequenceReverse"),
                Layer.of("Embedding", "size", 2), Layer.of("LSTM", "units", 2),
                Layer.of("OnnxOperator", "op", "Foo", "outputs", "Real 5×2").withInputCount(1));
        // UnitVector and the others export now; an operator imported without its ONNX node cannot be written.
        assertThat(OnnxExporter.unsupported(net)).containsExactly("'onnxoperator1' (OnnxOperator: no ONNX node kept)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxExporter.export(new NetDocument("n", net, null),
                        Weights.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'onnxoperator1' (OnnxOperator");
    }

    /** Each layer as its type, parameters (defaults filled in) and number of inputs. */
    private static List<String> described(List<NetNode> nodes) {
        return nodes.stream().map(n -> n instanceof Layer l ? l.type() + l.params().values() + "/" + l.inputNames().size()
                : n.typeName()).toList();
    }

    record RoundTrip(NetNode back) {
    }

    /** Round-trips a chain (see {@link #roundTrip}) and checks that the same layers come back as a chain. */
    private static Chain sameChainBack(Chain net, long seed, TensorValue... inputs) throws IOException {
        NetNode back = roundTrip(net, seed, inputs).back();
        assertThat(back).isInstanceOf(Chain.class);
        assertThat(described(((Chain) back).nodes())).isEqualTo(described(net.nodes()));
        return (Chain) back;
    }

    /** Exports with seeded weights, imports back, and checks NetStudio before, after, and ORT agree. */
    private static RoundTrip roundTrip(NetNode net, long seed, TensorValue... inputs) throws IOException {
        Weights weights;
        List<TensorValue> before;
        try (NetRunner runner = NetRunner.untrained(net, seed)) {
            weights = runner.weights();
            before = runner.run(List.of(inputs));
        }
        byte[] onnx = OnnxExporter.export(new NetDocument("net", net, null), weights);
        OnnxImport imported = OnnxImporter.read(onnx, "net.onnx");
        assertThat(imported.report().opaque()).isEmpty();
        List<TensorValue> after;
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            after = runner.run(List.of(inputs));
        }
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            feed.put(net.inputNames().get(i), inputs[i]);
        }
        List<TensorValue> ort;
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.of(onnx)) {
            ort = List.copyOf(runner.run(feed).values());
        }
        // The export to run (NetRunner's ONNX Runtime route), folded where layers meet, computes the same too.
        List<TensorValue> toRun;
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.of(OnnxExporter.exportToRun(new NetDocument("net", net, null), weights))) {
            toRun = List.copyOf(runner.run(feed).values());
        }
        for (int i = 0; i < before.size(); i++) {
            OnnxConformanceTest.assertClose("imported output " + i, after.get(i), before.get(i));
            OnnxConformanceTest.assertClose("ONNX Runtime output " + i, ort.get(i), before.get(i));
            OnnxConformanceTest.assertClose("ONNX Runtime output " + i + " of the export to run", toRun.get(i), before.get(i));
        }
        return new RoundTrip(imported.document().net());
    }

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
