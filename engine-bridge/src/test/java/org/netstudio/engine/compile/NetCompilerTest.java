package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.netstudio.netgraph.net.Edges.edge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Whole nets: graphs with several inputs and outputs, nesting, varying lengths, and refusals. */
class NetCompilerTest {

    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    private static NDList forward(CompiledNet block, NDManager m, NDArray... inputs) {
        return block.forward(new ParameterStore(m, false), new NDList(inputs), false);
    }

    /**
     * Inputs a, b (4 each). Outputs: "sum" = a + b; "features" = a nested chain (Linear 3, Tanh)
     * of the sum; "joined" = features and b side by side, through a nested graph.
     */
    private static Graph twoInTwoOut() {
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("a", PortDecl.of(TensorType.real(4)));
        inputs.put("b", PortDecl.of(TensorType.real(4)));
        Map<String, NetNode> innerNodes = new LinkedHashMap<>();
        innerNodes.put("cat", Layer.of("Catenate").withInputCount(2));
        Map<String, PortDecl> innerIn = new LinkedHashMap<>();
        innerIn.put("x", PortDecl.UNSPECIFIED);
        innerIn.put("y", PortDecl.UNSPECIFIED);
        Graph join = new Graph(innerIn, innerNodes, List.of(edge("x", "cat.Input1"), edge("y", "cat.Input2"),
                edge("cat.Output", "out"), edge("y", "passed")), Map.of("out", PortDecl.UNSPECIFIED, "passed",
                PortDecl.UNSPECIFIED));
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("sum", Layer.of("Total").withInputCount(2));
        nodes.put("features", Chain.of(PortDecl.UNSPECIFIED, Layer.of("Linear", "units", 3), Layer.of("Tanh")));
        nodes.put("join", join);
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        outputs.put("sum", PortDecl.UNSPECIFIED);
        outputs.put("features", PortDecl.UNSPECIFIED);
        outputs.put("joined", PortDecl.UNSPECIFIED);
        return new Graph(inputs, nodes, List.of(edge("a", "sum.Input1"), edge("b", "sum.Input2"),
                edge("sum.Output", "features.Input"), edge("sum.Output", "sum"), edge("features.Output", "features"),
                edge("features.Output", "join.x"), edge("b", "join.y"), edge("join.out", "joined")), outputs);
    }

    @Test
    void graphWithSeveralInputsOutputsAndNestedContainers() {
        CompiledNet block = NetCompiler.compile(twoInTwoOut(), 1);
        assertThat(block.inputNames()).containsExactly("a", "b");
        assertThat(block.outputNames()).containsExactly("sum", "features", "joined");
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDArray a = m.create(new float[] {1, 2, 3, 4, -1, 0, 1, 2}, new Shape(2, 4));
            NDArray b = m.create(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 1, 1, 1, 1}, new Shape(2, 4));
            NDList out = forward(block, m, a, b);

            assertThat(out.get(0).toFloatArray()).containsExactly(a.add(b).toFloatArray());
            NDArray w = block.array("features/linear1/weights").orElseThrow().parameter().getArray();
            NDArray bias = block.array("features/linear1/biases").orElseThrow().parameter().getArray();
            NDArray features = a.add(b).matMul(w.transpose()).add(bias).tanh();
            assertClose(out.get(1).toFloatArray(), features.toFloatArray());
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 7));
            assertClose(out.get(2).toFloatArray(), features.concat(b, 1).toFloatArray());
            assertThat(block.getOutputShapes(new Shape[] {new Shape(5, 4), new Shape(5, 4)}))
                    .containsExactly(new Shape(5, 4), new Shape(5, 3), new Shape(5, 7));
        }
    }

    @Test
    void sequencesOfVaryingLengthRunWithAnyLength() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(3)))),
                Layer.of("LSTM", "units", 4), Layer.of("SequenceReverse"), Layer.of("GRU", "units", 2,
                        "returnSequences", false), Layer.of("Linear", "units", 5));
        CompiledNet block = NetCompiler.compile(net);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            for (int n : new int[] {1, 4, 9}) {
                NDArray out = forward(block, m, m.randomUniform(-1, 1, new Shape(3, n, 3))).head();
                assertThat(out.getShape()).isEqualTo(new Shape(3, 5));
            }
            assertThat(block.getOutputShapes(new Shape[] {new Shape(2, 7, 3)})).containsExactly(new Shape(2, 5));
        }
    }

    @Test
    void tokenIndicesMayArriveAsFloatsOrIntegers() {
        Chain net = Chain.of(PortDecl.of(new TensorType(ElementKind.index(10), List.of(Dim.symbolic("n")))),
                Layer.of("Embedding", "size", 4), Layer.of("LSTM", "units", 3, "returnSequences", false));
        CompiledNet block = NetCompiler.compile(net);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            float[] asFloats = forward(block, m, m.create(new float[] {1, 7, 3, 9}, new Shape(1, 4))).head().toFloatArray();
            float[] asLongs = forward(block, m, m.create(new long[] {1, 7, 3, 9}, new Shape(1, 4))).head().toFloatArray();
            assertThat(asFloats).hasSize(3).containsExactly(asLongs);
        }
    }

    @Test
    void aBareLayerIsANetToo() {
        CompiledNet block = NetCompiler.compile(Layer.of("Linear", "units", 2));
        try (NDManager m = MANAGER.newSubManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            assertThat(block.arrays()).extracting(NetArray::key).containsExactly("weights", "biases");
            assertThat(forward(block, m, m.ones(new Shape(4, 3))).head().getShape()).isEqualTo(new Shape(4, 2));
        }
    }

    @Test
    void anInvalidNetIsRefusedWithItsFirstDiagnostic() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(3)), Layer.of("Linear", "units", 4), Layer.of("LSTM", "units", 2));
        String first = ShapeInference.infer(net).diagnostics().get(0).message();
        assertThatThrownBy(() -> NetCompiler.compile(net)).isInstanceOf(InvalidNetException.class).hasMessage(first)
                .satisfies(e -> assertThat(((InvalidNetException) e).diagnostics()).isNotEmpty());
    }

    @Test
    void inputsOfTheWrongShapeAreRefusedWithBothShapes() {
        CompiledNet block = NetCompiler.compile(Chain.of(PortDecl.of(TensorType.real(1, 28, 28)),
                Layer.of("Flatten"), Layer.of("Linear", "units", 2)));
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            assertThatThrownBy(() -> forward(block, m, m.ones(new Shape(8, 784))))
                    .hasMessage("The net's input 'Input' takes a batch of examples that are each a 1×28×28 array, "
                            + "shape (batch, 1, 28, 28), but got (8, 784)");
            assertThatThrownBy(() -> forward(block, m, m.ones(new Shape(8, 1, 28, 28)), m.ones(new Shape(8, 1))))
                    .hasMessage("The net takes 1 input [Input], but got 2");
            // Real inputs of another type are converted.
            assertThat(forward(block, m, m.ones(new Shape(2, 1, 28, 28), DataType.FLOAT64)).head().getDataType())
                    .isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void logitOutputsShareParametersAndSkipTheSoftmax() {
        CompiledNet block = NetCompiler.compile(Chain.of(PortDecl.of(TensorType.real(3)),
                Layer.of("Linear", "units", 4), Layer.of("Softmax")));
        assertThat(block.outputIsSoftmax(0)).isTrue();
        CompiledNet logits = block.withLogitOutputs();
        assertThat(logits.outputIsSoftmax(0)).isFalse();
        try (NDManager m = MANAGER.newSubManager()) {
            logits.initializeParameters(m);
            assertThat(block.isInitialized()).isTrue();
            NDArray x = m.create(new float[] {0.3f, -1, 2}, new Shape(1, 3));
            NDArray scores = forward(logits, m, x).head();
            NDArray probabilities = forward(block, m, x).head();
            assertClose(probabilities.toFloatArray(), scores.softmax(1).toFloatArray());
            assertThat(logits.getParameters().values()).containsExactlyElementsOf(block.getParameters().values());
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5f));
        }
    }
}
