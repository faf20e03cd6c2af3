package org.netstudio.netgraph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

class ShapeInferenceTest {

    private static PortDecl input(int... shape) {
        return PortDecl.of(TensorType.real(shape));
    }

    @Test
    void lenetShapesFlowThroughTheChain() {
        Chain lenet = Chain.of(input(1, 28, 28),
                Layer.of("Convolution", "channels", 20, "kernel", 5),
                Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2),
                Layer.of("Convolution", "channels", 50, "kernel", 5),
                Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2),
                Layer.of("Flatten"),
                Layer.of("Linear", "units", 500),
                Layer.of("Tanh"),
                Layer.of("Linear", "units", 10),
                Layer.of("Softmax"));

        InferenceResult r = ShapeInference.infer(lenet);

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.of("convolution1"), "Output").shapeText()).isEqualTo("20×24×24");
        assertThat(r.outputType(NodePath.of("pooling2"), "Output").shapeText()).isEqualTo("50×4×4");
        assertThat(r.outputType(NodePath.of("flatten1"), "Output").shapeText()).isEqualTo("800");
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("10");
        long params = r.layers().stream().mapToLong(LayerInfo::parameterCount).sum();
        assertThat(params).isEqualTo(431_080);
    }

    @Test
    void aVectorIntoAnLstmNamesBothLayersAndBothTypes() {
        Chain net = Chain.named(input(3), List.of(Layer.of("Linear", "units", 5), Layer.of("LSTM", "units", 8)),
                java.util.Arrays.asList("dense1", "lstm1"), PortDecl.UNSPECIFIED);

        InferenceResult r = ShapeInference.infer(net);

        assertThat(r.valid()).isFalse();
        assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::message).isEqualTo(
                "Input of 'lstm1' (LSTM, layer 2) must be a sequence of vectors (n×d), but 'dense1' (Linear, layer 1)"
                        + " outputs a vector of size 5: a vector is not compatible with a matrix.");
    }

    @Test
    void symbolicLengthsAreCarriedThroughEmbeddingAndGru() {
        PortDecl tokens = PortDecl.of(new TensorType(ElementKind.index(97), List.of(Dim.symbolic("n"))));
        Chain net = Chain.of(tokens, Layer.of("Embedding", "size", 16), Layer.of("GRU", "units", 32),
                Layer.of("Linear", "units", 97), Layer.of("Softmax"));

        InferenceResult r = ShapeInference.infer(net);

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.of("embedding1"), "Output").shapeText()).isEqualTo("n×16");
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×97");
        assertThat(r.layer(NodePath.of("embedding1")).parameterCount()).isEqualTo(97 * 16);
    }

    @Test
    void linearLearnsItsInputSizeFromAGraphAndResidualAddsAgree() {
        Graph g = Graph.empty()
                .withInput("Input", input(64))
                .withNode("fc1", Layer.of("Linear", "units", 64))
                .withNode("relu", Layer.of("Ramp"))
                .withNode("add", Layer.of("Total"))
                .withOutput("Output", PortDecl.UNSPECIFIED)
                .withEdge(new Edge(PortRef.graphPort("Input"), PortRef.of("fc1", "Input")))
                .withEdge(new Edge(PortRef.of("fc1", "Output"), PortRef.of("relu", "Input")))
                .withEdge(new Edge(PortRef.of("relu", "Output"), PortRef.of("add", "Input1")))
                .withEdge(new Edge(PortRef.graphPort("Input"), PortRef.of("add", "Input2")))
                .withEdge(new Edge(PortRef.of("add", "Output"), PortRef.graphPort("Output")));

        InferenceResult r = ShapeInference.infer(g);

        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.layer(NodePath.of("fc1")).parameterCount()).isEqualTo(64 * 64 + 64);
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("64");
    }

    @Test
    void aKernelLargerThanItsInputIsExplained() {
        Chain net = Chain.of(input(1, 4, 4), Layer.of("Convolution", "channels", 8, "kernel", 5));

        InferenceResult r = ShapeInference.infer(net);

        assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::message).isEqualTo(
                "'convolution1' (Convolution, layer 1) cannot take a 1×4×4 array from the net's input 'Input':"
                        + " the kernel 5×5 (dilated) is larger than the 4×4 input with padding 0×0.");
    }

    @Test
    void unconnectedPortsAndMissingNodesAreStructuralProblems() {
        Graph g = Graph.empty().withInput("Input", input(3))
                .withNode("a", Layer.of("Total"))
                .withOutput("Output", PortDecl.UNSPECIFIED)
                .withEdge(new Edge(PortRef.graphPort("Input"), PortRef.of("a", "Input1")))
                .withEdge(new Edge(PortRef.of("ghost", "Output"), PortRef.of("a", "Input2")));

        InferenceResult r = ShapeInference.infer(g);

        assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "The wire ghost.Output -> a.Input2 refers to a node 'ghost' that does not exist.",
                "Input2 of 'a' (Total) is not connected.",
                "The net's output 'Output' is not connected to any layer.");
    }

    @Test
    void aDecoderDeclaresTheOutputSize() {
        Chain net = Chain.of(input(4), Layer.of("Linear", "units", 5), Layer.of("Softmax"))
                .withOutput(new PortDecl(TensorType.real(3), new org.netstudio.netgraph.net.Coder("Class",
                        Map.of("labels", List.of("a", "b", "c")))));

        InferenceResult r = ShapeInference.infer(net);

        assertThat(r.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
                .contains("'softmax1' (Softmax, layer 2) outputs a vector of size 5")
                .contains("a Class decoder with 3 labels"));
    }
}
