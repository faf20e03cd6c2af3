package org.netstudio.canvas.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.LevelBuilder;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class WireCheckTest {

    private static LevelView level(NetDocument doc) {
        return LevelBuilder.build(doc, ShapeInference.infer(doc.net()), NodePath.ROOT, Map.of());
    }

    @Test
    void aWireBackUpTheNetWouldCloseACycle() {
        LevelView v = level(CanvasDemo.lenet());

        PortRequirement.Compatibility c = WireCheck.check(v, "softmax1", "Output", "tanh1", "Input");

        assertThat(c).isEqualTo(new PortRequirement.Mismatch(
                "This wire would close a cycle: 'tanh1' (Tanh) already feeds 'softmax1' (Softmax)."));
    }

    @Test
    void indicesIntoALinearAreRefusedAndIntoAnEmbeddingAccepted() {
        PortDecl tokens = PortDecl.of(new TensorType(org.netstudio.netgraph.tensor.ElementKind.index(97),
                java.util.List.of(org.netstudio.netgraph.tensor.Dim.symbolic("n"))));
        Graph g = Graph.empty().withInput("Input", tokens).withNode("dense", Layer.of("Linear", "units", 4))
                .withNode("embed", Layer.of("Embedding", "size", 8));
        LevelView v = level(new NetDocument("t", g, null));

        assertThat(WireCheck.check(v, "$Input", "Input", "embed", "Input")).isEqualTo(PortRequirement.COMPATIBLE);
        assertThat(WireCheck.check(v, "$Input", "Input", "dense", "Input")).isInstanceOfSatisfying(
                PortRequirement.Mismatch.class, m -> assertThat(m.reason())
                        .startsWith("Input of 'dense' (Linear) must be an array whose last axis is a vector")
                        .contains("the graph input 'Input' gives n indices in 0..96")
                        .endsWith("indices cannot be used where real numbers are expected."));
    }

    @Test
    void aDeclaredOutputTypeIsCheckedToo() {
        Graph g = Graph.empty().withInput("Input", PortDecl.of(TensorType.real(3)))
                .withOutput("Output", PortDecl.of(TensorType.real(2, 2)));
        LevelView v = level(new NetDocument("t", g, null));

        assertThat(WireCheck.check(v, "$Input", "Input", "$Output", "Output")).isInstanceOfSatisfying(
                PortRequirement.Mismatch.class, m -> assertThat(m.reason())
                        .isEqualTo("Output of the graph output 'Output' expects a matrix of size 2×2, but the graph input"
                                + " 'Input' gives a vector of size 3: a matrix is not compatible with a vector."));
    }
}
