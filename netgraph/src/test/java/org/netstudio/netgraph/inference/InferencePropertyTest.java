package org.netstudio.netgraph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/** Inference never throws, is deterministic, and keeps its promises on arbitrary nets. */
class InferencePropertyTest {

    @Provide
    Arbitrary<Layer> layers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 64).map(u -> Layer.of("Linear", "units", u)),
                Combinators.combine(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
                        .as((c, k, s, p) -> Layer.of("Convolution", "channels", c, "kernel", k, "stride", s, "padding", p)),
                Arbitraries.integers().between(1, 4).map(k -> Layer.of("Pooling", "kernel", k)),
                Arbitraries.of("Ramp", "Tanh", "Softmax", "Flatten", "BatchNorm", "Dropout", "LayerNorm", "GlobalPooling",
                        "SequenceLast", "Total").map(Layer::of),
                Arbitraries.integers().between(1, 32).map(u -> Layer.of("LSTM", "units", u)),
                Arbitraries.integers().between(1, 32).map(u -> Layer.of("Embedding", "size", u)));
    }

    @Provide
    Arbitrary<TensorType> inputs() {
        return Arbitraries.integers().between(1, 32).list().ofMinSize(0).ofMaxSize(4)
                .map(l -> TensorType.real(l.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Property(tries = 300)
    void chainsNeverThrowAndEveryProblemIsASentenceNamingALayer(
            @ForAll("inputs") TensorType input, @ForAll("layerLists") List<Layer> layers) {
        Chain chain = Chain.of(PortDecl.of(input), layers.toArray(NetNode[]::new));

        InferenceResult r = ShapeInference.infer(chain);

        assertThat(ShapeInference.infer(chain)).isEqualTo(r);
        for (Diagnostic d : r.diagnostics()) {
            assertThat(d.message()).endsWith(".").doesNotContain("null").doesNotContain("Exception");
            assertThat(d.message()).containsAnyOf("'", "net");
        }
        if (r.valid()) {
            assertThat(r.layers()).allSatisfy(l -> {
                assertThat(l.outputs()).allSatisfy(t -> assertThat(t.rankKnown()).isTrue());
                assertThat(l.parameterCount()).isGreaterThanOrEqualTo(0);
            });
        }
    }

    @Provide
    Arbitrary<List<Layer>> layerLists() {
        return layers().list().ofMaxSize(8);
    }

    @Property(tries = 200)
    void randomGraphsNeverThrow(@ForAll("layerLists") List<Layer> layers,
                                @ForAll @IntRange(min = 0, max = 1000) int seed) {
        java.util.Random random = new java.util.Random(seed);
        Graph g = Graph.empty().withInput("Input", PortDecl.of(TensorType.real(3, 8, 8)))
                .withOutput("Output", PortDecl.UNSPECIFIED);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            g = g.withNode("n" + i, layers.get(i));
            names.add("n" + i);
        }
        for (int i = 0; i < layers.size() * 2; i++) {
            PortRef from = random.nextInt(4) == 0 || names.isEmpty() ? PortRef.graphPort("Input")
                    : PortRef.of(names.get(random.nextInt(names.size())), "Output");
            PortRef to = names.isEmpty() || random.nextInt(6) == 0 ? PortRef.graphPort("Output")
                    : PortRef.of(names.get(random.nextInt(names.size())),
                    random.nextBoolean() ? "Input" : "Input" + (1 + random.nextInt(3)));
            g = g.withEdge(new Edge(from, to));
        }

        InferenceResult r = ShapeInference.infer(g);

        assertThat(r.layers()).hasSize(layers.size());
        assertThat(r.type(NodePath.ROOT, "Input", true).shapeText()).isEqualTo("3×8×8");
    }
}
