package org.netstudio.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netstudio.netgraph.net.Cells.elman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.compile.LayerContractTest;
import org.netstudio.engine.compile.OneLayerNets;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The PyTorch export's contract with the engine, for every catalog layer type and every container
 * and operator: a small net around each, exported with random weights, computes in PyTorch what
 * NetStudio computes, within {@link TorchParity#TOLERANCE} of each output's largest magnitude. The
 * cases are the engine's {@link LayerContractTest} cases (so a new layer type's case there runs
 * here too, and fails until the export knows it) and more here: varying lengths (a padded batch
 * with random values in the padding, so they also show that padding never changes a result),
 * containers and the sequence operators. {@link #everyCatalogTypeAndOperatorHasACase()} fails for a
 * type or operator with no case.
 */
class LayerParityTest {

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
        return new Case(label, OneLayerNets.around(layer, List.of(inputs)));
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
        // every case of the engine's own contract test, so a new layer type's case there runs here too
        LayerContractTest.cases().filter(k -> !k.layer().type().equals("OnnxOperator"))
                .forEach(k -> cases.add(new Case(k.label(), OneLayerNets.around(k.layer(), k.inputs()))));
        cases.add(c("Linear on a varying sequence", Layer.of("Linear", "units", 2), real(N, 3)));
        cases.add(c("GlobalPooling mean over a varying axis", Layer.of("GlobalPooling"), real(3, N)));
        cases.add(c("GlobalPooling max over a varying axis", Layer.of("GlobalPooling", "function", "max"), real(3, N)));
        cases.add(c("Aggregation mean over a varying axis", Layer.of("Aggregation", "axes", List.of(0)), real(N, 3)));
        cases.add(c("Aggregation max over a varying axis, kept", Layer.of("Aggregation", "function", "max",
                "axes", List.of(0), "keepAxes", true), real(N, 3)));
        cases.add(c("Aggregation min over a varying and a fixed axis", Layer.of("Aggregation", "function", "min",
                "axes", List.of(0, 1)), real(N, 3)));
        cases.add(c("Upsample linear 2D, per axis", Layer.of("Upsample", "scale", List.of(2, 3), "method", "linear"),
                real(2, 3, 4)));
        cases.add(c("Upsample nearest 1D, size 1", Layer.of("Upsample", "scale", 4), real(2, 1)));
        cases.add(c("Pooling mean 1D ceil", Layer.of("Pooling", "function", "mean", "kernel", 2, "ceil", true), real(2, 7)));
        cases.add(c("Elementwise functions", Layer.of("Elementwise", "function",
                "exp(-x^2) + log(1 + abs(x)) + sqrt(square(x) + 1) + sin(x)*cos(x) - ramp(x) + relu(-x)/2"
                        + " + softplus(x) + max(x, -x) - min(x, x/2) + erf(x)"), real(2, 3)));
        cases.add(c("Elementwise constant", Layer.of("Elementwise", "function", "2*3"), real(3)));
        cases.add(c("Softmax over a varying axis", Layer.of("Softmax", "axis", 0), real(N, 2)));
        cases.add(c("LogSoftmax over a varying axis", Layer.of("LogSoftmax", "axis", 0), real(N)));
        cases.add(c("BatchNorm with epsilon and momentum", Layer.of("BatchNorm", "momentum", 0.2, "epsilon", 0.001), real(5)));
        cases.add(c("BatchNorm on volumes", Layer.of("BatchNorm"), real(2, 3, 3, 3)));
        cases.add(c("Threading divide, lower rank first", Layer.of("Threading", "function", "divide"), real(4),
                real(2, 4)));
        cases.add(c("Threading min", Layer.of("Threading", "function", "min"), real(5), real(5)));
        cases.add(c("Threading plus", Layer.of("Threading", "function", "plus"), real(5), real(5)));
        cases.add(c("Embedding on a varying sequence", Layer.of("Embedding", "size", 3), indices(7, N)));
        cases.add(c("LSTM sequences of varying length", Layer.of("LSTM", "units", 5), real(N, 3)));
        cases.add(c("LSTM last state of varying length", Layer.of("LSTM", "units", 3, "returnSequences", false),
                real(N, 2)));
        cases.add(c("GRU last state of varying length", Layer.of("GRU", "units", 4, "returnSequences", false),
                real(N, 3)));
        cases.add(c("GRU sequences of varying length", Layer.of("GRU", "units", 2), real(N, 3)));
        cases.add(c("RNN last state of varying length", Layer.of("RNN", "units", 2, "returnSequences", false),
                real(N, 3)));
        cases.add(c("SequenceLast of varying length", Layer.of("SequenceLast"), real(N, 3)));
        cases.add(c("SequenceReverse of varying length", Layer.of("SequenceReverse"), real(N, 2, 2)));
        cases.add(c("SequenceIndices of varying length", Layer.of("SequenceIndices"), real(N, 3)));
        cases.add(c("Attention over varying keys and queries", Layer.of("Attention", "heads", 2), real(M, 4),
                real(M, 6), real(N, 4)));
        cases.add(c("Attention causal, varying", Layer.of("Attention", "mask", "causal", "heads", 3), real(N, 6),
                real(N, 3), real(N, 6)));
        cases.add(c("CrossEntropyLoss index per step, varying", Layer.of("CrossEntropyLoss"), real(N, 4), indices(4, N)));
        cases.add(c("MeanSquaredLoss, varying", Layer.of("MeanSquaredLoss"), real(N, 2), real(N, 2)));

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
        cases.add(json("Graph of two outputs in a graph", "{\"type\": \"Graph\", \"inputs\": {\"Input\": {\"shape\": [5]}},"
                + " \"nodes\": {\"split\": {\"type\": \"Graph\", \"inputs\": {\"In\": {}}, \"nodes\": {\"fc\": {\"type\":"
                + " \"Linear\", \"units\": 5}, \"squash\": {\"type\": \"Tanh\"}}, \"edges\": [{\"from\": \"In\", \"to\": \"fc\"},"
                + " {\"from\": \"In\", \"to\": \"squash\"}, {\"from\": \"fc\", \"to\": \"A\"}, {\"from\": \"squash\", \"to\": \"B\"}],"
                + " \"outputs\": {\"A\": {}, \"B\": {}}}, \"product\": {\"type\": \"Threading\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"split.In\"}, {\"from\": \"split.A\", \"to\": \"product.Input1\"},"
                + " {\"from\": \"split.B\", \"to\": \"product.Input2\"}, {\"from\": \"product\", \"to\": \"Output\"},"
                + " {\"from\": \"split.B\", \"to\": \"Squashed\"}], \"outputs\": {\"Output\": {}, \"Squashed\": {}}}"));
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

    @RegisterExtension
    static final TorchParity.Run PARITY = new TorchParity.Run(parity -> {
        for (Case c : cases()) {
            parity.add(c.label(), new NetDocument(c.label(), c.net(), null), TorchParity.randomWeights(c.net(), 5),
                    BATCH, STEPS);
        }
    });

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pytorchComputesWhatNetStudioComputes(Case c) {
        PARITY.assertMatches(c.label());
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
