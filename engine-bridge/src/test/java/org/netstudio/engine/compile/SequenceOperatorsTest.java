package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.net.Cells.elman;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * Map, Fold and Bidirectional compute what the same computation written with catalog layers
 * computes, given the same weights: Map(Linear) is a Linear on the last axis, Fold of an Elman cell
 * is an RNN, Bidirectional(LSTM, LSTM) is an LSTM beside a SequenceReverse-wrapped LSTM, catenated
 * (also on a padded batch). Their arrays are named by path inside the operator.
 */
class SequenceOperatorsTest {

    private static final Offset<Float> CLOSE = Offset.offset(1e-5f);
    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    @Test
    void mapOfAChainIsTheChainOnEveryElement() {
        CompiledNet map = compile(chain("{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"Tanh\"}]}}"), 1);
        CompiledNet plain = compile(chain("{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"Tanh\"}"), 2);
        try (NDManager m = MANAGER.newSubManager()) {
            map.initializeParameters(m);
            plain.initializeParameters(m);
            assertThat(map.arrays()).extracting(NetArray::key)
                    .containsExactly("map1/net/linear1/weights", "map1/net/linear1/biases");
            copy(map, plain, Map.of("map1/net/linear1/", "linear1/"));
            NDArray x = random(m, 2, 5, 4);

            assertThat(run(map, m, x).toFloatArray()).containsExactly(run(plain, m, x).toFloatArray(), CLOSE);
            assertThat(run(map, m, x).getShape()).isEqualTo(new Shape(2, 5, 3));
        }
    }

    @Test
    void foldOfAnElmanCellIsAnRnn() {
        for (boolean every : new boolean[] {true, false}) {
            CompiledNet fold = compile(chain("{\"type\": \"Fold\", \"net\": " + elman(3) + ", \"returnSequences\": "
                    + every + "}"), 1);
            CompiledNet rnn = compile(chain("{\"type\": \"RNN\", \"units\": 3, \"returnSequences\": " + every + "}"), 2);
            try (NDManager m = MANAGER.newSubManager()) {
                fold.initializeParameters(m);
                rnn.initializeParameters(m);
                // tanh(Wx·x + bx + Wh·h + bh) = tanh([Wx Wh]·[x; h] + (bx + bh))
                NDArray wx = array(rnn, "rnn1/inputWeights");
                NDArray wh = array(rnn, "rnn1/stateWeights");
                array(fold, "fold1/net/linear/weights").set(wx.concat(wh, 1).toFloatArray());
                array(fold, "fold1/net/linear/biases").set(array(rnn, "rnn1/inputBiases")
                        .add(array(rnn, "rnn1/stateBiases")).toFloatArray());
                NDArray x = random(m, 2, 5, 4);

                NDArray folded = run(fold, m, x);
                assertThat(folded.toFloatArray()).as("every state: %s", every)
                        .containsExactly(run(rnn, m, x).toFloatArray(), CLOSE);
                assertThat(folded.getShape()).isEqualTo(every ? new Shape(2, 5, 3) : new Shape(2, 3));
            }
        }
    }

    @Test
    void aFoldRunOneElementPerCallCarriesItsState() {
        CompiledNet fold = compile(chain("{\"type\": \"Fold\", \"net\": " + elman(3) + "}"), 1);
        try (NDManager m = MANAGER.newSubManager()) {
            fold.initializeParameters(m);
            NDArray x = random(m, 1, 5, 4);
            float[] whole = run(fold, m, x).toFloatArray();

            Carry carry = new Carry();
            NDList steps = new NDList();
            for (int t = 0; t < 5; t++) {
                steps.add(fold.forward(new ParameterStore(m, false), new NDList(x.get(":, {}:{}", t, t + 1)), carry).head());
            }

            assertThat(ai.djl.ndarray.NDArrays.concat(steps, 1).toFloatArray()).containsExactly(whole, CLOSE);
        }
    }

    /** A recurrent layer for both directions, the merge, the lengths of a padded batch and the output shape. */
    static Stream<Arguments> bidirectionals() {
        return Stream.of(
                Arguments.of("LSTMs catenated", "{\"type\": \"LSTM\", \"units\": 3}", "catenate",
                        new long[] {5, 2, 4}, new Shape(3, 5, 6)),
                Arguments.of("GRUs' last states totalled", "{\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false}",
                        "total", new long[] {1, 5, 3}, new Shape(3, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bidirectionals")
    void aBidirectionalIsItsForwardLayerBesideItsBackwardLayerOnTheReversedSequenceMerged(
            String name, String layer, String merge, long[] lengths, Shape shape) {
        CompiledNet bi = compile(chain("{\"type\": \"Bidirectional\", \"forward\": " + layer + ","
                + " \"backward\": " + layer + ", \"merge\": \"" + merge + "\"}"), 1);
        assertComputesAsGraph(bi, compile(bidirectionalAsGraph(layer, merge), 2), lengths, shape);
    }

    /**
     * What a Bidirectional of {@code layer} means, drawn as a graph: the layer, beside a second one
     * reading the reversed sequence (its states reversed back when it returns every state), merged.
     */
    private static NetNode bidirectionalAsGraph(String layer, String merge) {
        boolean sequences = !layer.contains("\"returnSequences\": false");
        String backward = sequences ? "back" : "bwd";
        return parse("{\"type\": \"Graph\", \"inputs\": {\"Input\": {\"shape\": [\"n\", 4]}},"
                + " \"nodes\": {\"fwd\": " + layer + ", \"rev\": {\"type\": \"SequenceReverse\"}, \"bwd\": " + layer + ","
                + (sequences ? " \"back\": {\"type\": \"SequenceReverse\"}," : "")
                + " \"merge\": " + ("catenate".equals(merge) ? "{\"type\": \"Catenate\", \"axis\": 1}" : "{\"type\": \"Total\"}")
                + "}, \"edges\": [{\"from\": \"Input\", \"to\": \"fwd\"}, {\"from\": \"Input\", \"to\": \"rev\"},"
                + " {\"from\": \"rev\", \"to\": \"bwd\"},"
                + (sequences ? " {\"from\": \"bwd\", \"to\": \"back\"}," : "")
                + " {\"from\": \"fwd\", \"to\": \"merge.Input1\"}, {\"from\": \"" + backward + "\", \"to\": \"merge.Input2\"},"
                + " {\"from\": \"merge\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}");
    }

    @Test
    void anOperatorInsideAnotherRunsWithItsPathAndThePaddingGoesThrough() {
        CompiledNet nested = compile(chain("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 6}}, {\"type\": \"GRU\", \"units\": 3}]},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 3}}"), 1);
        CompiledNet plain = compile(chain("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 6}, {\"type\": \"GRU\", \"units\": 3}]},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 3}}"), 2);
        try (NDManager m = MANAGER.newSubManager()) {
            nested.initializeParameters(m);
            plain.initializeParameters(m);
            assertThat(nested.arrays()).extracting(NetArray::key).startsWith("bidirectional1/forward/map1/net/weights",
                    "bidirectional1/forward/map1/net/biases", "bidirectional1/forward/gru1/inputWeights");
            copy(nested, plain, Map.of("bidirectional1/forward/map1/net/", "bidirectional1/forward/linear1/",
                    "bidirectional1/forward/gru1/", "bidirectional1/forward/gru1/", "bidirectional1/backward/",
                    "bidirectional1/backward/"));
            NDArray x = random(m, 3, 5, 4);
            NDArray lengths = m.create(new long[] {2, 5, 3});

            assertThat(run(nested, m, x, lengths).toFloatArray())
                    .containsExactly(run(plain, m, x, lengths).toFloatArray(), CLOSE);
        }
    }

    @Test
    void weightsOfAnOperatorGoOutAndComeBackByPath() {
        NetNode net = chain("{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 3}},"
                + " {\"type\": \"Fold\", \"net\": " + elman(2) + "}");
        CompiledNet trained = compile(net, 1);
        CompiledNet fresh = compile(net, 2);
        try (NDManager m = MANAGER.newSubManager()) {
            trained.initializeParameters(m);
            Weights weights = NetWeights.read(trained);
            assertThat(weights.arrays()).containsOnlyKeys("map1/net/weights", "map1/net/biases",
                    "fold1/net/linear/weights", "fold1/net/linear/biases");

            NetWeights.load(fresh, weights, m);

            NDArray x = random(m, 2, 4, 4);
            assertThat(run(fresh, m, x).toFloatArray()).containsExactly(run(trained, m, x).toFloatArray(), CLOSE);
        }
    }

    @Test
    void stackedRecurrentLayersStillCompileAsLayers() {
        CompiledNet net = compile(chain("{\"type\": \"LSTM\", \"units\": 4}, {\"type\": \"GRU\", \"units\": 2}"), 1);
        try (NDManager m = MANAGER.newSubManager()) {
            net.initializeParameters(m);
            assertThat(run(net, m, random(m, 2, 3, 4)).getShape()).isEqualTo(new Shape(2, 3, 2));
        }
    }

    private static NDArray array(CompiledNet net, String key) {
        return net.array(key).orElseThrow(() -> new AssertionError("no array " + key)).parameter().getArray();
    }

    /**
     * Checks that a Bidirectional computes what its spelled-out graph (nodes fwd and bwd) computes with
     * the same weights, on 3 whole sequences of 5 steps and on them padded to {@code lengths}, and
     * that its output on the whole sequences has {@code shape}.
     */
    private static void assertComputesAsGraph(CompiledNet bi, CompiledNet graph, long[] lengths, Shape shape) {
        try (NDManager m = MANAGER.newSubManager()) {
            bi.initializeParameters(m);
            graph.initializeParameters(m);
            copy(bi, graph, Map.of("bidirectional1/forward/", "fwd/", "bidirectional1/backward/", "bwd/"));
            NDArray x = random(m, 3, 5, 4);
            NDArray padded = m.create(lengths);

            assertThat(run(bi, m, x).toFloatArray()).containsExactly(run(graph, m, x).toFloatArray(), CLOSE);
            assertThat(run(bi, m, x, padded).toFloatArray()).as("padded")
                    .containsExactly(run(graph, m, x, padded).toFloatArray(), CLOSE);
            assertThat(run(bi, m, x).getShape()).isEqualTo(shape);
        }
    }

    /** Copies every array of {@code from} to the array of {@code to} whose key has the mapped prefix. */
    private static void copy(CompiledNet from, CompiledNet to, Map<String, String> prefixes) {
        int copied = 0;
        for (NetArray a : from.arrays()) {
            for (Map.Entry<String, String> p : prefixes.entrySet()) {
                if (a.key().startsWith(p.getKey())) {
                    NDArray target = array(to, p.getValue() + a.key().substring(p.getKey().length()));
                    assertThat(target.getShape()).isEqualTo(a.parameter().getArray().getShape());
                    target.set(a.parameter().getArray().toFloatArray());
                    copied++;
                }
            }
        }
        assertThat(copied).isEqualTo(to.arrays().size());
    }

    private static NDArray run(CompiledNet net, NDManager m, NDArray... inputs) {
        return net.forward(new ParameterStore(m, false), new NDList(inputs), false).head();
    }

    private static NDArray random(NDManager m, long... shape) {
        Random r = new Random(3);
        float[] v = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return m.create(v, new Shape(shape));
    }

    private static CompiledNet compile(NetNode net, long seed) {
        return NetCompiler.compile(net, seed);
    }

    private static NetNode chain(String layers) {
        return parse("{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 4]}, \"layers\": [" + layers + "]}");
    }

    static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }
}
