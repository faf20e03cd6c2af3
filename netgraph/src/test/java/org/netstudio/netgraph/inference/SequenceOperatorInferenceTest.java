package org.netstudio.netgraph.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.net.Cells.elman;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;

/**
 * Map, Fold and Bidirectional: shapes with a symbolic length through each, their inner layers'
 * shapes and parameters, and the sentences that explain a wrong net.
 */
class SequenceOperatorInferenceTest {

    @Test
    void mapAppliesItsNetToEachElementAndKeepsTheLength() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 8}, {\"type\": \"Tanh\"}]}}, {\"type\": \"LSTM\", \"units\": 2}");

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.of("map1"), "Output").shapeText()).isEqualTo("n×8");
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×2");
        LayerInfo linear = r.layer(NodePath.of("map1", "net", "linear1"));
        assertThat(linear.inputs().get(0).shapeText()).isEqualTo("4");
        assertThat(linear.outputs().get(0).shapeText()).isEqualTo("8");
        assertThat(linear.parameterCount()).isEqualTo(4 * 8 + 8);
        assertThat(r.inputType(NodePath.of("map1", "net"), "Input").shapeText()).isEqualTo("4");
    }

    @Test
    void aMapOfOneLayerNamesItsWeightsAfterTheMap() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 3}}");

        assertThat(r.layers()).extracting(l -> l.path().toString()).containsExactly("map1/net");
        assertThat(r.layers().get(0).parameterCount()).isEqualTo(15);
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×3");
    }

    @Test
    void whatTheInnerNetDeclaresFlowsBackToTheMapsInput() {
        InferenceResult r = infer("{\"type\": \"Chain\", \"layers\": [{\"type\": \"Map\", \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"shape\": [6]}, \"layers\": [{\"type\": \"Linear\", \"units\": 2}]}}]}");

        assertThat(r.inputType(NodePath.ROOT, "Input").shapeText()).isEqualTo("?×6");
    }

    @Test
    void foldCarriesItsStateAndGivesEveryStateOrTheLast() {
        InferenceResult every = chain("[\"n\", 4]", "{\"type\": \"Fold\", \"net\": " + elman(5) + "}");
        InferenceResult last = chain("[\"n\", 4]", "{\"type\": \"Fold\", \"net\": " + elman(5) + ", \"returnSequences\": false}");

        assertThat(every.diagnostics()).isEmpty();
        assertThat(every.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×5");
        assertThat(last.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("5");
        assertThat(every.inputType(NodePath.of("fold1", "net"), "State").shapeText()).isEqualTo("5");
        LayerInfo linear = every.layer(NodePath.of("fold1", "net", "linear"));
        assertThat(linear.inputs().get(0).shapeText()).isEqualTo("9");
        assertThat(linear.parameterCount()).isEqualTo((4 + 5) * 5 + 5);
    }

    @Test
    void bidirectionalCatenatesOrTotalsItsTwoNets() {
        InferenceResult cat = chain("[\"n\", 4]", "{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 3},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 2}, \"merge\": \"catenate\"}");
        InferenceResult total = chain("[\"n\", 4]", "{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 3},"
                + " \"backward\": {\"type\": \"LSTM\", \"units\": 3}, \"merge\": \"total\"}");
        InferenceResult lastStates = chain("[\"n\", 4]", "{\"type\": \"Bidirectional\","
                + " \"forward\": {\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false}}");

        assertThat(cat.diagnostics()).isEmpty();
        assertThat(cat.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×5");
        assertThat(cat.layers()).extracting(l -> l.path().toString())
                .containsExactly("bidirectional1/forward", "bidirectional1/backward");
        long lstm = 4L * 3 * (4 + 3) + 2 * 4 * 3;
        long gru = 3L * 2 * (4 + 2) + 2 * 3 * 2;
        assertThat(cat.layers().stream().mapToLong(LayerInfo::parameterCount).sum()).isEqualTo(lstm + gru);
        assertThat(total.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×3");
        assertThat(lastStates.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("6");
        assertThat(cat.operator(NodePath.of("bidirectional1")).backwardGivesSequence()).isTrue();
        assertThat(lastStates.operator(NodePath.of("bidirectional1")).backwardGivesSequence()).isFalse();
    }

    @Test
    void operatorsNestAndAreFoundAtAnyDepth() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 6}}, {\"type\": \"GRU\", \"units\": 3}]},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 3}}");

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×6");
        assertThat(r.outputType(NodePath.of("bidirectional1", "forward", "map1"), "Output").shapeText()).isEqualTo("n×6");
        assertThat(r.layer(NodePath.of("bidirectional1", "forward", "map1", "net")).parameterCount()).isEqualTo(30);
        assertThat(r.operator(NodePath.of("bidirectional1", "forward", "map1")).operator().typeName()).isEqualTo("Map");
        assertThat(r.wiring().steps()).extracting(s -> s.path().toString()).containsExactly("bidirectional1");
    }

    @Test
    void anOperatorIsOneStepOfTheWiring() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"Linear\", \"units\": 5},"
                + " {\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 3}}, {\"type\": \"SequenceLast\"}");

        Wiring w = r.wiring();
        assertThat(w.steps()).extracting(s -> s.path().toString()).containsExactly("linear1", "map1", "sequencelast1");
        assertThat(w.inputsOf(1)).containsExactly(w.outputsOf(0).get(0));
        assertThat(w.inputsOf(2)).containsExactly(w.outputsOf(1).get(0));
        assertThat(r.operators()).containsOnlyKeys(NodePath.of("map1"));
        assertThat(r.operators().get(NodePath.of("map1")).inner().get("net").wiring().steps()).hasSize(1);
    }

    @Test
    void aScalarIsNotASequence() {
        assertThat(messages(chain("[]", "{\"type\": \"Map\", \"net\": {\"type\": \"Tanh\"}}"))).containsExactly(
                "Input of 'map1' (Map, layer 1) must be a sequence (n×…), but the net's input 'Input' is a scalar:"
                        + " a scalar has no elements to go through.");
    }

    @Test
    void aLayerInsideAMapIsToldItGetsOneElement() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"Map\", \"net\": {\"type\": \"LSTM\", \"units\": 3}}");

        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.node()).isEqualTo(NodePath.of("map1", "net"));
            assertThat(d.message()).isEqualTo("Input of 'map1/net' (LSTM) must be a sequence of vectors (n×d), but each"
                    + " element of what 'map1' (Map, layer 1) takes is a vector of size 4: a vector is not compatible"
                    + " with a matrix.");
        });
    }

    @Test
    void layersOfAnInnerChainAreNamedWithTheirPath() {
        assertExplained("{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"LSTM\", \"units\": 3}]}}",
                "Input of 'lstm1' (LSTM, layer 2 of 'map1/net') must be a sequence of vectors (n×d), but 'linear1'"
                        + " (Linear, layer 1 of 'map1/net') outputs a vector of size 3: a vector is not compatible with a matrix.");
    }

    @Test
    void aFoldsNetNeedsAnInputAndAState() {
        assertExplained("{\"type\": \"Fold\", \"net\": {\"type\": \"Linear\", \"units\": 3}}",
                "'fold1' (Fold, layer 1) feeds its net one element and the state so far, so the net must have the inputs"
                        + " Input and State and one output, the next state; it has 1 input (Input) and 1 output (Output).");
    }

    @Test
    void aFoldWhoseNextStateDiffersFromItsStateIsExplained() {
        String cell = "{\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {\"shape\": [3]}},"
                + " \"nodes\": {\"cat\": {\"type\": \"Catenate\"}, \"linear\": {\"type\": \"Linear\", \"units\": 5}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"cat.Input1\"}, {\"from\": \"State\", \"to\": \"cat.Input2\"},"
                + " {\"from\": \"cat\", \"to\": \"linear\"}, {\"from\": \"linear\", \"to\": \"Output\"}],"
                + " \"outputs\": {\"Output\": {}}}";

        assertExplained("{\"type\": \"Fold\", \"net\": " + cell + "}",
                "'fold1' (Fold, layer 1)'s net gives a next state that is a vector of size 5 from a State that is a vector"
                        + " of size 3, but the state it gives is fed back as its State: the size is 3 on one side and 5 on"
                        + " the other.");
    }

    @Test
    void aFoldWhoseStateHasNoSizeIsExplained() {
        String cell = "{\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {}},"
                + " \"nodes\": {\"tanh\": {\"type\": \"Tanh\"}},"
                + " \"edges\": [{\"from\": \"State\", \"to\": \"tanh\"}, {\"from\": \"tanh\", \"to\": \"Output\"}],"
                + " \"outputs\": {\"Output\": {}}}";

        assertThat(messages(chain("[\"n\", 4]", "{\"type\": \"Fold\", \"net\": " + cell + "}"))).contains(
                "'fold1' (Fold, layer 1)'s net does not tell the size of the state it carries (an array of unknown rank):"
                        + " give it a layer that fixes the size, e.g. a Linear whose units are the state's size.");
    }

    @Test
    void bidirectionalOutputsThatCannotBeJoinedAreExplained() {
        assertExplained("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 3},"
                + " \"backward\": {\"type\": \"LSTM\", \"units\": 3, \"returnSequences\": false}}",
                "'bidirectional1' (Bidirectional, layer 1) joins the outputs of its forward and backward nets along"
                        + " their last axis (merge \"catenate\"), but they are a sequence of n vectors of size 3 and a"
                        + " vector of size 3: a matrix cannot be joined with a vector.");
        assertExplained("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 3},"
                + " \"backward\": {\"type\": \"LSTM\", \"units\": 2}, \"merge\": \"total\"}",
                "'bidirectional1' (Bidirectional, layer 1) adds the outputs of its forward and backward nets (merge"
                        + " \"total\"), but they are a sequence of n vectors of size 3 and a sequence of n vectors of size 2:"
                        + " dimension 2 is 3 on one side and 2 on the other.");
    }

    @Test
    void aBidirectionalNetNeedsOneInputAndOneOutput() {
        assertExplained("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 3},"
                + " \"backward\": {\"type\": \"Total\"}}",
                "The backward net of 'bidirectional1' (Bidirectional, layer 1) reads the whole sequence, so it must have"
                        + " one input and one output, but it has 2 inputs (Input1, Input2) and 1 output (Output).");
    }

    @Test
    void stackedRecurrentLayersKeepWorking() {
        InferenceResult r = chain("[\"n\", 4]", "{\"type\": \"LSTM\", \"units\": 8}, {\"type\": \"LSTM\", \"units\": 8},"
                + " {\"type\": \"GRU\", \"units\": 2, \"returnSequences\": false}");

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("2");
        assertThat(r.operators()).isEmpty();
    }

    /** Asserts that a chain of {@code layers} reading an n×4 sequence is explained in this one sentence. */
    private static void assertExplained(String layers, String sentence) {
        assertThat(messages(chain("[\"n\", 4]", layers))).containsExactly(sentence);
    }

    private static InferenceResult chain(String shape, String layers) {
        return infer("{\"type\": \"Chain\", \"input\": {\"shape\": " + shape + "}, \"layers\": [" + layers + "]}");
    }

    /** The diagnostics' sentences. */
    private static List<String> messages(InferenceResult r) {
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    private static InferenceResult infer(String net) {
        return ShapeInference.infer(parse(net));
    }

    static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }
}
