package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** The net file's canonical form and its round trips: read → write → read, write → read → write. */
class NetFileRoundTripTest {

    /** The example of DESIGN.md "The net file", as written there. */
    static final String DESIGN_EXAMPLE = """
            { "format": "netstudio.net", "version": 1, "name": "LeNet-5",
              "net": { "type": "Chain",
                       "input": { "shape": [1, 28, 28] },
                       "layers": [ { "type": "Convolution", "channels": 20, "kernel": 5 },
                                   { "type": "Tanh" },
                                   { "type": "Pooling", "function": "mean", "kernel": 2 },
                                   { "type": "Flatten" },
                                   { "type": "Linear", "units": 10, "name": "logits" },
                                   { "type": "Softmax" } ],
                       "output": { "decoder": { "type": "Class", "labels": ["0","1","2","3","4","5","6","7","8","9"] } } },
              "layout": { } }
            """;

    static String resource(String name) throws IOException {
        try (InputStream in = NetFileRoundTripTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static NetDocument read(String json) throws NetFileException {
        return NetFileReader.read(json, "test.json");
    }

    /** Both round trips, and returns the canonical text. */
    static String assertRoundTrips(NetDocument doc) throws NetFileException {
        String written = NetFileWriter.toJson(doc);
        NetDocument back = read(written);
        assertThat(back).isEqualTo(doc);
        assertThat(NetFileWriter.toJson(back)).isEqualTo(written);
        assertThat(written).endsWith("}\n").doesNotContain("\t").doesNotContain("\r");
        return written;
    }

    @Test
    void theDesignExampleReadsAsTheNetItDescribes() throws Exception {
        NetDocument doc = read(DESIGN_EXAMPLE);

        assertThat(doc.name()).isEqualTo("LeNet-5");
        Chain chain = (Chain) doc.net();
        assertThat(chain.elements()).extracting(Chain.Element::name)
                .containsExactly("convolution1", "tanh1", "pooling1", "flatten1", "logits", "softmax1");
        assertThat(chain.input()).isEqualTo(PortDecl.of(TensorType.real(1, 28, 28)));
        assertThat(chain.output().coder().type()).isEqualTo("Class");
        assertThat(chain.output().type()).isEqualTo(TensorType.real(10));
        assertThat(chain.nodes().get(0)).isEqualTo(Layer.of("Convolution", "channels", 20, "kernel", 5));
        InferenceResult r = ShapeInference.infer(chain);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("10");
    }

    @Test
    void theDesignExampleIsWrittenInCanonicalForm() throws Exception {
        String written = NetFileWriter.toJson(read(DESIGN_EXAMPLE));
        assertThat(written).isEqualTo(resource("lenet.json"));
        assertRoundTrips(read(written));
    }

    @Test
    void aliasesReadAsTheirTypeAndAreWrittenCanonically() throws Exception {
        NetDocument doc = read(NetFileReaderTestSupport.chain(
                "{\"type\": \"Dense\", \"units\": 3}, {\"type\": \"relu\"}, {\"type\": \"NetChain\", \"layers\": []}"));
        Chain chain = (Chain) doc.net();
        assertThat(chain.nodes()).extracting(n -> n.typeName()).containsExactly("Linear", "Ramp", "Chain");
        assertThat(chain.elements()).extracting(Chain.Element::name).containsExactly("linear1", "ramp1", "chain1");
        assertThat(NetFileWriter.toJson(doc)).contains("{\"type\": \"Linear\", \"units\": 3},\n      {\"type\": \"Ramp\"},")
                .doesNotContain("Dense").doesNotContain("\"name\": \"linear1\"");
    }

    @Test
    void onlyExplicitlySetParametersAreWrittenInCatalogOrder() throws Exception {
        Layer conv = Layer.of("Convolution", "bias", true, "stride", 1, "kernel", List.of(3, 3), "channels", 16);
        NetDocument doc = new NetDocument("c", Chain.of(PortDecls.shape(3, 32, 32), conv), Layout.EMPTY);
        assertThat(assertRoundTrips(doc)).contains(
                "{\"type\": \"Convolution\", \"channels\": 16, \"kernel\": [3, 3], \"stride\": 1, \"bias\": true}");
    }

    @Test
    void chainNamesAreWrittenOnlyWhereTheReaderWouldNotGiveThem() throws Exception {
        Chain chain = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Tanh"), Layer.of("Linear", "units", 2),
                Layer.of("Linear", "units", 3)), Arrays.asList(null, "foo", "linear2"), PortDecl.UNSPECIFIED);
        assertThat(chain.elements()).extracting(Chain.Element::name).containsExactly("tanh1", "foo", "linear2");
        String written = assertRoundTrips(new NetDocument("n", chain, Layout.EMPTY));
        // "linear2" is the default of the third layer only while the second is unnamed; it must be written.
        assertThat(written).doesNotContain("tanh1").contains("\"name\": \"foo\"").contains("\"name\": \"linear2\"");

        Chain swapped = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Tanh"), Layer.of("Tanh")),
                List.of("tanh2", "tanh1"), PortDecl.UNSPECIFIED);
        assertRoundTrips(new NetDocument("s", swapped, Layout.EMPTY));
    }

    @Test
    void edgesAreResolvedOnReadAndAbbreviatedOnWrite() throws Exception {
        String json = NetFileReaderTestSupport.graph("\"inputs\": {\"Input\": {\"shape\": [\"n\", 20]}, \"Tokens\": {\"shape\": [\"n\"],"
                + " \"index\": 97}}, \"nodes\": {\"a\": {\"type\": \"Dense\", \"units\": 20}, \"add\": {\"type\": \"Add\"},"
                + " \"emb\": {\"type\": \"Embedding\", \"size\": 20}, \"loss\": {\"type\": \"MeanSquaredLoss\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"a\"}, {\"from\": \"a.Output\", \"to\": \"add.Input1\"},"
                + " {\"from\": \"Tokens\", \"to\": \"emb.Input\"}, {\"from\": \"emb\", \"to\": \"add.Input3\"},"
                + " {\"from\": \"Input\", \"to\": \"add.Input2\"}, {\"from\": \"add\", \"to\": \"loss.Input\"},"
                + " {\"from\": \"a\", \"to\": \"loss.Target\"}, {\"from\": \"add\", \"to\": \"Output\"},"
                + " {\"from\": \"loss.Loss\", \"to\": \"Loss\"}], \"outputs\": {\"Output\": {}, \"Loss\": {}}");
        NetDocument doc = read(json);
        Graph g = (Graph) doc.net();

        assertThat(g.edges()).containsExactly(
                new Edge(PortRef.graphPort("Input"), PortRef.of("a", "Input")),
                new Edge(PortRef.of("a", "Output"), PortRef.of("add", "Input1")),
                new Edge(PortRef.graphPort("Tokens"), PortRef.of("emb", "Input")),
                new Edge(PortRef.of("emb", "Output"), PortRef.of("add", "Input3")),
                new Edge(PortRef.graphPort("Input"), PortRef.of("add", "Input2")),
                new Edge(PortRef.of("add", "Output"), PortRef.of("loss", "Input")),
                new Edge(PortRef.of("a", "Output"), PortRef.of("loss", "Target")),
                new Edge(PortRef.of("add", "Output"), PortRef.graphPort("Output")),
                new Edge(PortRef.of("loss", "Loss"), PortRef.graphPort("Loss")));
        assertThat(((Layer) g.nodes().get("add")).inputCount()).isEqualTo(3);
        assertThat(g.inputs().get("Tokens").type().kind()).isEqualTo(ElementKind.index(97));
        assertThat(g.inputs().get("Input").type().shapeText()).isEqualTo("n×20");
        assertThat(ShapeInference.infer(g).diagnostics()).isEmpty();

        String written = assertRoundTrips(doc);
        assertThat(written).contains("{\"from\": \"a\", \"to\": \"add.Input1\"}", "{\"from\": \"emb\", \"to\": \"add.Input3\"}",
                "{\"from\": \"add\", \"to\": \"loss.Input\"}", "{\"from\": \"loss\", \"to\": \"Loss\"}",
                "{\"from\": \"Tokens\", \"to\": \"emb\"}");
    }

    @Test
    void aVariadicLayerHasAtLeastTwoInputsAndItsCountIsNotStored() throws Exception {
        Graph g = new Graph(Map.of("Input", PortDecls.shape(4)), Map.of("cat", Layer.of("Catenate").withInputCount(5)),
                List.of(new Edge(PortRef.graphPort("Input"), PortRef.of("cat", "Input1"))), Map.of("Output", PortDecl.UNSPECIFIED));
        NetDocument back = read(NetFileWriter.toJson(new NetDocument("v", g, Layout.EMPTY)));
        assertThat(((Layer) ((Graph) back.net()).nodes().get("cat")).inputCount()).isEqualTo(2);
    }

    /** A Graph inside a Chain inside a Graph, with symbolic and index inputs, coders and a layout. */
    static NetDocument nestedExample() {
        Graph inner = new Graph(Map.of("Input", PortDecl.UNSPECIFIED), Map.of(),
                List.of(), Map.of("Output", PortDecl.UNSPECIFIED))
                .withNode("left", Layer.of("Linear", "units", 8)).withNode("right", Layer.of("Linear", "units", 8))
                .withNode("sum", Layer.of("Total"));
        inner = new Graph(inner.inputs(), inner.nodes(),
                List.of(new Edge(PortRef.graphPort("Input"), PortRef.of("left", "Input")),
                        new Edge(PortRef.graphPort("Input"), PortRef.of("right", "Input")),
                        new Edge(PortRef.of("left", "Output"), PortRef.of("sum", "Input1")),
                        new Edge(PortRef.of("right", "Output"), PortRef.of("sum", "Input2")),
                        new Edge(PortRef.of("sum", "Output"), PortRef.graphPort("Output"))),
                Map.of("Output", PortDecl.UNSPECIFIED));
        Chain block = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("GRU", "units", 16), inner, Layer.of("Tanh")),
                Arrays.asList(null, "residual", null), PortDecl.UNSPECIFIED);
        Graph top = new Graph(Map.of("Tokens", PortDecls.encoder(new Coder("Characters", Map.of("alphabet", "abcdefgh")))),
                Map.of("embed", Layer.of("Embedding", "size", 12)),
                List.of(new Edge(PortRef.graphPort("Tokens"), PortRef.of("embed", "Input"))),
                Map.of());
        top = top.withNode("block", block).withNode("last", Layer.of("SequenceLast"))
                .withNode("classify", Layer.of("Linear", "units", 3)).withNode("probs", Layer.of("Softmax"))
                .withEdge(new Edge(PortRef.of("embed", "Output"), PortRef.of("block", "Input")))
                .withEdge(new Edge(PortRef.of("block", "Output"), PortRef.of("last", "Input")))
                .withEdge(new Edge(PortRef.of("last", "Output"), PortRef.of("classify", "Input")))
                .withEdge(new Edge(PortRef.of("classify", "Output"), PortRef.of("probs", "Input")))
                .withEdge(new Edge(PortRef.of("probs", "Output"), PortRef.graphPort("Class")))
                .withOutput("Class", PortDecls.decoder(new Coder("Class", Map.of("labels", List.of("a", "b", "c")))));
        Layout layout = Layout.EMPTY.with("$Tokens", 0, 100).with("embed", 160, 100).with("block", 320, 100)
                .with("block/residual", 40.5, -12.25).with("block/residual/sum", 300, 0).with("probs", 640, 100);
        return new NetDocument("nested", top, layout);
    }

    @Test
    void nestedContainersRoundTripInCanonicalForm() throws Exception {
        NetDocument doc = nestedExample();
        assertThat(ShapeInference.infer(doc.net()).diagnostics()).isEmpty();
        assertThat(assertRoundTrips(doc)).isEqualTo(resource("nested.json"));
    }

    @Test
    void symbolicIndexAndEncodedInputsRoundTrip() throws Exception {
        for (PortDecl in : List.of(PortDecls.shape("n", 20), PortDecls.indices(97, "n"), PortDecls.indices(5),
                PortDecls.shape(), PortDecls.shape("batchLength", "n", 3),
                PortDecls.encoder(new Coder("Image", Map.of("size", List.of(28, 28), "colorSpace", "Grayscale",
                        "mean", 0.5, "std", List.of(0.25)))),
                PortDecls.encoder(new Coder("Class", Map.of("labels", List.of("yes", "no")))),
                PortDecls.encoder(new Coder("Boolean", Map.of())))) {
            assertRoundTrips(new NetDocument("in", Chain.of(in, Layer.of("Tanh")), Layout.EMPTY));
        }
    }

    @Test
    void wholeCoordinatesAreWrittenAsIntegers() throws Exception {
        NetDocument doc = new NetDocument("l", Chain.of(PortDecl.UNSPECIFIED, Layer.of("Tanh")),
                Layout.EMPTY.with("tanh1", 120, -40).with("$Input", 0.5, -0.0));
        assertThat(assertRoundTrips(doc)).contains("\"tanh1\": {\"x\": 120, \"y\": -40}")
                .contains("\"$Input\": {\"x\": 0.5, \"y\": -0.0}");
    }

    @Property(tries = 300)
    void randomDocumentsRoundTrip(@ForAll long seed) throws Exception {
        assertRoundTrips(RandomNets.document(seed));
    }

    @Test
    void whatCannotBeReadBackIsRefusedBeforeWriting() {
        Graph dangling = Graph.empty().withNode("a", Layer.of("Tanh"))
                .withEdge(new Edge(PortRef.of("a", "Output"), PortRef.of("b", "Input")));
        assertThatThrownBy(() -> NetFileWriter.toJson(new NetDocument("d", dangling, Layout.EMPTY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write the net: $.net.edges[0].to: the edge names a node \"b\" that does not exist");
        Chain anyIndex = Chain.of(PortDecl.of(TensorType.real(3).withKind(ElementKind.index(0))), Layer.of("Tanh"));
        assertThatThrownBy(() -> NetFileWriter.toJson(new NetDocument("i", anyIndex, Layout.EMPTY)))
                .hasMessage("cannot write the net: $.net.input: its element kind " + ElementKind.index(0)
                        + " cannot be declared (only real numbers, integers or indices with a known range)");
        Chain unknownRank = Chain.of(PortDecl.of(TensorType.ANY_REAL), Layer.of("Tanh"));
        assertThatThrownBy(() -> NetFileWriter.toJson(new NetDocument("u", unknownRank, Layout.EMPTY)))
                .hasMessage("cannot write the net: $.net.input: its rank is not known");
        NetDocument nan = new NetDocument("n", Chain.of(PortDecl.UNSPECIFIED), Layout.EMPTY.with("x", Double.NaN, 0));
        assertThatThrownBy(() -> NetFileWriter.toJson(nan))
                .hasMessage("cannot write the net: $.layout.x.x: a coordinate must be a finite number, but got NaN");
        Graph twice = Graph.empty().withInput("Input", PortDecl.UNSPECIFIED).withNode("a", Layer.of("Tanh"))
                .withEdge(new Edge(PortRef.graphPort("Input"), PortRef.of("a", "Input")))
                .withEdge(new Edge(PortRef.graphPort("Input"), PortRef.of("a", "Input")));
        assertThatThrownBy(() -> NetFileWriter.toJson(new NetDocument("t", twice, Layout.EMPTY)))
                .hasMessage("cannot write the net: $.net.edges[1].to: a.Input is wired twice");
    }

    @Test
    void savingIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.json");
        Files.writeString(file, "old content");
        NetDocument doc = nestedExample();

        NetFileWriter.write(doc, file);

        assertThat(Files.readAllBytes(file)).isEqualTo(NetFileWriter.toBytes(doc));
        assertThat(NetFileReader.read(file)).isEqualTo(doc);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNetThatCannotBeWrittenLeavesTheOldFileUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.json");
        Files.writeString(file, "old content");
        NetDocument bad = new NetDocument("n", Chain.of(PortDecl.UNSPECIFIED), Layout.EMPTY.with("x", Double.NaN, 0));
        assertThatThrownBy(() -> NetFileWriter.write(bad, file)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(file)).isEqualTo("old content");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
