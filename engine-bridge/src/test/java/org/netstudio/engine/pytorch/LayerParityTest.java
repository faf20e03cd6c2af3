package org.netstudio.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netstudio.netgraph.net.Cells.elman;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The PyTorch export's contract with the engine, for every catalog layer type and every container
 * and operator: a small net around each, exported with random weights, computes in PyTorch what
 * NetStudio computes, within 1e-5 of the largest output. Sequence cases run a padded batch of
 * varying lengths with random values in the padding, so they also show that padding never changes
 * a result. A new layer type without a case (and so without an export) fails
 * {@link #everyCatalogTypeAndOperatorHasACase()}.
 */
class LayerParityTest {

    static final double TOLERANCE = 1e-5;
    private static final int BATCH = 3;
    private static final int STEPS = 7;

    /** One small net. */
    record Case(String label, NetNode net) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Dim N = Dim.symbolic("n");
    private static final Dim M = Dim.symbolic("m");

    static TensorType real(Object... dims) {
        return TensorType.real(dimList(dims));
    }

    static TensorType indices(int range, Object... dims) {
        return new TensorType(ElementKind.index(range), dimList(dims));
    }

    private static List<Dim> dimList(Object... dims) {
        List<Dim> out = new ArrayList<>();
        for (Object d : dims) {
            out.add(d instanceof Dim dim ? dim : Dim.of((Integer) d));
        }
        return out;
    }

    private static Case c(String label, Layer layer, TensorType... inputs) {
        Map<String, PortDecl> ins = new LinkedHashMap<>();
        Map<String, PortDecl> outs = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        List<String> names = layer.inputNames();
        for (int i = 0; i < names.size(); i++) {
            ins.put(names.get(i), PortDecl.of(inputs[i]));
            edges.add(new Edge(PortRef.graphPort(names.get(i)), PortRef.of("layer", names.get(i))));
        }
        for (String out : layer.outputNames()) {
            outs.put(out, PortDecl.UNSPECIFIED);
            edges.add(new Edge(PortRef.of("layer", out), PortRef.graphPort(out)));
        }
        return new Case(label, new Graph(ins, Map.<String, NetNode>of("layer", layer), edges, outs));
    }

    private static Case json(String label, String net) {
        try {
            return new Case(label, NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}",
                    "case.json").net());
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

    private static Case sequenceChain(String label, String layers) {
        return json(label, "{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 4]}, \"layers\": [" + layers + "]}");
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(c("Linear on a vector", Layer.of("Linear", "units", 4), real(3)));
        cases.add(c("Linear on the last axis, no bias", Layer.of("Linear", "units", 2, "bias", false), real(5, 3)));
        cases.add(c("Linear on a varying sequence", Layer.of("Linear", "units", 2), real(N, 3)));
        cases.add(c("Flatten", Layer.of("Flatten"), real(2, 3, 4)));
        cases.add(c("Reshape with -1", Layer.of("Reshape", "shape", List.of(4, -1)), real(2, 3, 4)));
        cases.add(c("Transpose", Layer.of("Transpose", "perm", List.of(2, 0, 1)), real(2, 3, 4)));
        cases.add(c("Convolution 1D", Layer.of("Convolution", "channels", 4, "kernel", 3), real(3, 10)));
        cases.add(c("Convolution 2D stride 2 padding 1", Layer.of("Convolution", "channels", 6, "kernel", List.of(3, 5),
                "stride", 2, "padding", 1), real(3, 11, 12)));
        cases.add(c("Convolution 2D same, even kernel", Layer.of("Convolution", "channels", 3, "kernel", 4,
                "padding", "same"), real(2, 9, 8)));
        cases.add(c("Convolution 2D same, dilated", Layer.of("Convolution", "channels", 3, "kernel", 3,
                "padding", "same", "dilation", 2), real(2, 9, 8)));
        cases.add(c("Convolution 2D groups, no bias", Layer.of("Convolution", "channels", 6, "kernel", 3,
                "groups", 2, "bias", false), real(4, 8, 8)));
        cases.add(c("Convolution 3D", Layer.of("Convolution", "channels", 2, "kernel", 2, "stride", List.of(1, 2, 2)),
                real(3, 4, 6, 6)));
        cases.add(c("Deconvolution 1D", Layer.of("Deconvolution", "channels", 3, "kernel", 3, "stride", 2), real(2, 5)));
        cases.add(c("Deconvolution 2D padding, output padding", Layer.of("Deconvolution", "channels", 4,
                "kernel", List.of(3, 2), "stride", List.of(2, 3), "padding", 1, "outputPadding", 1), real(3, 4, 5)));
        cases.add(c("Deconvolution 3D, no bias", Layer.of("Deconvolution", "channels", 2, "kernel", 2, "stride", 2,
                "bias", false), real(2, 3, 3, 3)));
        cases.add(c("Pooling max 2D", Layer.of("Pooling", "function", "max", "kernel", 2), real(3, 8, 7)));
        cases.add(c("Pooling mean 1D stride padding", Layer.of("Pooling", "function", "mean", "kernel", 3, "stride", 2,
                "padding", 1), real(2, 9)));
        cases.add(c("Pooling max 3D padding", Layer.of("Pooling", "kernel", 2, "stride", 1, "padding", 1),
                real(2, 4, 4, 4)));
        cases.add(c("Pooling mean 3D", Layer.of("Pooling", "function", "mean", "kernel", 2), real(2, 4, 4, 4)));
        cases.add(c("GlobalPooling mean", Layer.of("GlobalPooling"), real(3, 5, 5)));
        cases.add(c("GlobalPooling max 1D", Layer.of("GlobalPooling", "function", "max"), real(2, 7)));
        cases.add(c("GlobalPooling mean over a varying axis", Layer.of("GlobalPooling"), real(3, N)));
        cases.add(c("GlobalPooling max over a varying axis", Layer.of("GlobalPooling", "function", "max"), real(3, N)));
        for (String a : List.of("Ramp", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "Softplus")) {
            cases.add(c(a, Layer.of(a), real(2, 3)));
        }
        cases.add(c("LeakyReLU", Layer.of("LeakyReLU", "alpha", 0.2), real(4)));
        cases.add(c("Elementwise", Layer.of("Elementwise", "function",
                "tanh(x)*sigmoid(x) - 2^x/3 + min(max(x, 0.2), 0.8)"), real(4)));
        cases.add(c("Elementwise functions", Layer.of("Elementwise", "function",
                "exp(-x^2) + log(1 + abs(x)) + sqrt(square(x) + 1) + sin(x)*cos(x) - ramp(x) + relu(-x)/2"
                        + " + softplus(x) + max(x, -x) - min(x, x/2)"), real(2, 3)));
        cases.add(c("Elementwise constant", Layer.of("Elementwise", "function", "2*3"), real(3)));
        cases.add(c("Softmax last axis", Layer.of("Softmax"), real(3, 4)));
        cases.add(c("Softmax first axis", Layer.of("Softmax", "axis", 0), real(3, 4)));
        cases.add(c("Softmax over a varying axis", Layer.of("Softmax", "axis", 0), real(N, 2)));
        cases.add(c("LogSoftmax", Layer.of("LogSoftmax"), real(5)));
        cases.add(c("LogSoftmax over a varying axis", Layer.of("LogSoftmax", "axis", 0), real(N)));
        cases.add(c("Dropout", Layer.of("Dropout", "rate", 0.3), real(2, 3)));
        cases.add(c("BatchNorm on images", Layer.of("BatchNorm"), real(3, 4, 4)));
        cases.add(c("BatchNorm on vectors", Layer.of("BatchNorm", "momentum", 0.2, "epsilon", 0.001), real(5)));
        cases.add(c("BatchNorm on volumes", Layer.of("BatchNorm"), real(2, 3, 3, 3)));
        cases.add(c("LayerNorm", Layer.of("LayerNorm"), real(3, 6)));
        cases.add(c("Catenate first axis", Layer.of("Catenate").withInputCount(2), real(2, 3), real(4, 3)));
        cases.add(c("Catenate last axis", Layer.of("Catenate", "axis", -1).withInputCount(3), real(2, 1), real(2, 2),
                real(2, 3)));
        cases.add(c("Total", Layer.of("Total").withInputCount(3), real(2, 3), real(2, 3), real(2, 3)));
        cases.add(c("Threading times, broadcast", Layer.of("Threading"), real(3, 4), real(4)));
        cases.add(c("Threading subtract, broadcast first", Layer.of("Threading", "function", "subtract"), real(1, 4),
                real(3, 1)));
        cases.add(c("Threading divide, lower rank first", Layer.of("Threading", "function", "divide"), real(4),
                real(2, 4)));
        cases.add(c("Threading max", Layer.of("Threading", "function", "max"), real(5), real(5)));
        cases.add(c("Threading min", Layer.of("Threading", "function", "min"), real(5), real(5)));
        cases.add(c("Threading plus", Layer.of("Threading", "function", "plus"), real(5), real(5)));
        cases.add(c("Embedding", Layer.of("Embedding", "size", 5, "vocabulary", 10), indices(10, 6)));
        cases.add(c("Embedding on a varying sequence", Layer.of("Embedding", "size", 3), indices(7, N)));
        cases.add(c("UnitVector", Layer.of("UnitVector", "size", 7), indices(7, 4)));
        cases.add(c("LSTM sequences", Layer.of("LSTM", "units", 5), real(6, 3)));
        cases.add(c("LSTM sequences of varying length", Layer.of("LSTM", "units", 5), real(N, 3)));
        cases.add(c("LSTM last state of varying length", Layer.of("LSTM", "units", 3, "returnSequences", false),
                real(N, 2)));
        cases.add(c("GRU last state", Layer.of("GRU", "units", 4, "returnSequences", false), real(6, 3)));
        cases.add(c("GRU last state of varying length", Layer.of("GRU", "units", 4, "returnSequences", false),
                real(N, 3)));
        cases.add(c("GRU sequences of varying length", Layer.of("GRU", "units", 2), real(N, 3)));
        cases.add(c("RNN", Layer.of("RNN", "units", 2), real(5, 3)));
        cases.add(c("RNN last state of varying length", Layer.of("RNN", "units", 2, "returnSequences", false),
                real(N, 3)));
        cases.add(c("SequenceLast", Layer.of("SequenceLast"), real(6, 3)));
        cases.add(c("SequenceLast of varying length", Layer.of("SequenceLast"), real(N, 3)));
        cases.add(c("SequenceReverse", Layer.of("SequenceReverse"), real(6, 3)));
        cases.add(c("SequenceReverse of varying length", Layer.of("SequenceReverse"), real(N, 2, 2)));
        cases.add(c("Attention", Layer.of("Attention", "heads", 2), real(5, 4), real(5, 6), real(3, 4)));
        cases.add(c("Attention causal", Layer.of("Attention", "mask", "causal"), real(4, 3), real(4, 2), real(4, 3)));
        cases.add(c("Attention over varying keys and queries", Layer.of("Attention", "heads", 2), real(M, 4),
                real(M, 6), real(N, 4)));
        cases.add(c("Attention causal, varying", Layer.of("Attention", "mask", "causal", "heads", 3), real(N, 6),
                real(N, 3), real(N, 6)));
        cases.add(c("CrossEntropyLoss index", Layer.of("CrossEntropyLoss"), real(4), indices(4)));
        cases.add(c("CrossEntropyLoss index per step", Layer.of("CrossEntropyLoss"), real(3, 4), indices(4, 3)));
        cases.add(c("CrossEntropyLoss index per step, varying", Layer.of("CrossEntropyLoss"), real(N, 4), indices(4, N)));
        cases.add(c("CrossEntropyLoss probabilities", Layer.of("CrossEntropyLoss", "target", "probabilities"),
                real(3, 4), real(3, 4)));
        cases.add(c("CrossEntropyLoss binary", Layer.of("CrossEntropyLoss", "target", "binary"), real(5), real(5)));
        cases.add(c("MeanSquaredLoss", Layer.of("MeanSquaredLoss"), real(3, 2), real(3, 2)));
        cases.add(c("MeanSquaredLoss, varying", Layer.of("MeanSquaredLoss"), real(N, 2), real(N, 2)));
        cases.add(c("MeanAbsoluteLoss", Layer.of("MeanAbsoluteLoss"), real(4), real(4)));

        cases.add(json("Chain in a chain, lengths passed in", "{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 4]},"
                + " \"layers\": [{\"type\": \"Linear\", \"units\": 3, \"name\": \"in\"}, {\"type\": \"Chain\", \"name\": \"block\","
                + " \"layers\": [{\"type\": \"Tanh\"}, {\"type\": \"SequenceLast\"}]}, {\"type\": \"Softmax\"}]}"));
        cases.add(json("Graph with two outputs and a drawn loss", "{\"type\": \"Graph\", \"inputs\": {\"Input\": {\"shape\": "
                + "[\"n\", 4]}, \"Target\": {\"shape\": [\"n\"], \"index\": 3}}, \"nodes\": {\"scores\": {\"type\": \"Linear\","
                + " \"units\": 3}, \"probabilities\": {\"type\": \"Softmax\"}, \"loss\": {\"type\": \"CrossEntropyLoss\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"scores\"}, {\"from\": \"scores\", \"to\": \"probabilities\"},"
                + " {\"from\": \"probabilities\", \"to\": \"loss.Input\"}, {\"from\": \"Target\", \"to\": \"loss.Target\"},"
                + " {\"from\": \"probabilities\", \"to\": \"Output\"}, {\"from\": \"loss\", \"to\": \"Loss\"}],"
                + " \"outputs\": {\"Output\": {}, \"Loss\": {}}}"));
        cases.add(json("Graph in a chain", "{\"type\": \"Chain\", \"input\": {\"shape\": [6]}, \"layers\": ["
                + "{\"type\": \"Graph\", \"name\": \"residual\", \"inputs\": {\"Input\": {}}, \"nodes\": {\"fc\": {\"type\": \"Linear\","
                + " \"units\": 6}, \"sum\": {\"type\": \"Total\"}}, \"edges\": [{\"from\": \"Input\", \"to\": \"fc\"},"
                + " {\"from\": \"fc\", \"to\": \"sum.Input1\"}, {\"from\": \"Input\", \"to\": \"sum.Input2\"},"
                + " {\"from\": \"sum\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}, {\"type\": \"Ramp\"}]}"));
        cases.add(sequenceChain("Map of a chain, varying", "{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"Tanh\"}]}}, {\"type\": \"SequenceLast\"}"));
        cases.add(sequenceChain("Map of a layer", "{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 2}}"));
        cases.add(sequenceChain("Fold of an Elman cell, every state, varying", "{\"type\": \"Fold\", \"net\": " + elman(3) + "}"));
        cases.add(sequenceChain("Fold of an Elman cell, last state, varying", "{\"type\": \"Fold\", \"net\": " + elman(3)
                + ", \"returnSequences\": false}"));
        cases.add(sequenceChain("Bidirectional GRUs catenated, varying", "{\"type\": \"Bidirectional\", \"forward\": "
                + "{\"type\": \"GRU\", \"units\": 3}, \"backward\": {\"type\": \"GRU\", \"units\": 2}, \"merge\": \"catenate\"}"));
        cases.add(sequenceChain("Bidirectional LSTM last states totalled, varying", "{\"type\": \"Bidirectional\", \"forward\": "
                + "{\"type\": \"LSTM\", \"units\": 3, \"returnSequences\": false}, \"backward\": {\"type\": \"LSTM\", \"units\": 3,"
                + " \"returnSequences\": false}, \"merge\": \"total\"}"));
        cases.add(sequenceChain("Bidirectional chains, varying", "{\"type\": \"Bidirectional\", \"forward\": "
                + "{\"type\": \"Chain\", \"layers\": [{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"RNN\", \"units\": 2}]},"
                + " \"backward\": {\"type\": \"Chain\", \"layers\": [{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"RNN\","
                + " \"units\": 2}]}}, {\"type\": \"SequenceLast\"}"));
        return cases;
    }

    @TempDir
    static Path folder;
    private static Map<String, TorchParity.Outcome> outcomes;
    private static Optional<String> missing;

    @BeforeAll
    static void exportAndRunAll() throws Exception {
        missing = TorchParity.torchMissing();
        if (missing.isPresent()) {
            return;
        }
        TorchParity parity = new TorchParity(TorchParity.folder(folder));
        for (Case c : cases()) {
            parity.add(c.label(), new NetDocument(c.label(), c.net(), null), TorchParity.randomWeights(c.net(), 5),
                    BATCH, STEPS);
        }
        outcomes = parity.run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pytorchComputesWhatNetStudioComputes(Case c) {
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        TorchParity.Outcome o = outcomes.get(c.label());
        assertThat(o.failure()).as(c.label()).isNull();
        assertThat(o.worst()).as("largest relative error of %s (%s)", c.label(), o.errors()).isLessThan(TOLERANCE);
    }

    @Test
    void everyCatalogTypeAndOperatorHasACase() {
        Set<String> covered = new TreeSet<>();
        for (Case c : cases()) {
            collectTypes(c.net(), covered);
        }
        Set<String> wanted = new TreeSet<>(List.of("Chain", "Graph", "Map", "Fold", "Bidirectional"));
        for (LayerType t : LayerCatalog.standard().types()) {
            wanted.add(t.name());
        }
        wanted.remove("OnnxOperator");
        assertThat(covered).containsAll(wanted);
    }

    @Test
    void opaqueOnnxOperatorsAreRefusedByName() {
        Layer erf = Layer.of("OnnxOperator", "op", "Erf", "inputs", "wire float", "outputs", "Real 3").withInputCount(1);
        Case c = c("opaque", erf, real(3));

        assertThat(PyTorchModelWriter.unsupported(c.net())).containsExactly("layer");
        assertThatThrownBy(() -> PyTorchModelWriter.modelSource(new NetDocument("n", c.net(), null)))
                .hasMessageContaining("layer").hasMessageContaining("no PyTorch equivalent");
    }

    private static void collectTypes(NetNode n, Set<String> into) {
        into.add(n.typeName());
        if (n instanceof org.netstudio.netgraph.net.Chain chain) {
            chain.nodes().forEach(x -> collectTypes(x, into));
        } else if (n instanceof Graph g) {
            g.nodes().values().forEach(x -> collectTypes(x, into));
        } else if (n instanceof org.netstudio.netgraph.net.SequenceOperator op) {
            op.innerNames().forEach(i -> collectTypes(op.inner(i), into));
        }
    }
}
