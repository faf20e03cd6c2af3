package org.netstudio.netgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One reusable assertion for a layer: given its inputs' types, the output shape it infers and the
 * number of parameters it has (in the spirit of Keras' run_layer_test).
 */
final class LayerContract {

    private LayerContract() {
    }

    /** Places the layer alone in a graph with one net input per layer input and infers it. */
    static InferenceResult run(Layer layer, TensorType... inputs) {
        Graph g = Graph.empty();
        List<String> ports = layer.inputNames();
        for (int i = 0; i < ports.size(); i++) {
            g = g.withInput("In" + i, PortDecl.of(inputs[i]))
                    .withEdge(new Edge(PortRef.graphPort("In" + i), PortRef.of("layer", ports.get(i))));
        }
        g = g.withNode("layer", layer).withOutput("Out", PortDecl.UNSPECIFIED)
                .withEdge(new Edge(PortRef.of("layer", layer.outputNames().get(0)), PortRef.graphPort("Out")));
        return ShapeInference.infer(g);
    }

    static void assertLayer(Layer layer, List<TensorType> inputs, String outputShape, long parameters) {
        InferenceResult r = run(layer, inputs.toArray(TensorType[]::new));
        assertThat(r.diagnostics()).as("diagnostics of %s", layer).isEmpty();
        LayerInfo info = r.layer(NodePath.of("layer"));
        assertThat(info.outputs().get(0).shapeText()).as("output shape of %s", layer).isEqualTo(outputShape);
        assertThat(info.parameterCount()).as("parameters of %s", layer).isEqualTo(parameters);
    }

    static List<String> problems(Layer layer, TensorType... inputs) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : run(layer, inputs).diagnostics()) {
            out.add(d.message());
        }
        return out;
    }
}
