package org.netstudio.netgraph.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netstudio.netgraph.net.Edges.edge;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;

/** Each edit command: what it does, and the sentence it refuses with. */
class EditCommandsTest {

    static final NodePath ROOT = NodePath.ROOT;

    /** Input → dense → act → Output, with positions. */
    static NetDocument line() {
        Graph g = Graph.empty().withInput("Input", PortDecls.shape(8))
                .withNode("dense", Layer.of("Linear", "units", 4)).withNode("act", Layer.of("Tanh"))
                .withEdge(edge("Input", "dense.Input")).withEdge(edge("dense.Output", "act.Input"))
                .withEdge(edge("act.Output", "Output")).withOutput("Output", PortDecl.UNSPECIFIED);
        return new NetDocument("line", g, Layout.EMPTY.with("dense", 100, 50).with("act", 200, 60).with("$Input", 0, 50));
    }

    static Graph net(NetDocument d) {
        return (Graph) d.net();
    }

    @Test
    void addNodePlacesAnUnwiredNode() {
        NetDocument d = new AddNode(ROOT, "drop", Layer.of("Dropout"), new Layout.Position(10, 20)).apply(line());
        assertThat(net(d).nodes()).containsKey("drop");
        assertThat(net(d).edges()).hasSize(3);
        assertThat(d.layout().positions()).containsEntry("drop", new Layout.Position(10, 20));
        assertThat(new AddNode(ROOT, "x", Layer.of("Tanh"), null).description()).isEqualTo("Add Tanh");
        assertThatThrownBy(() -> new AddNode(ROOT, "act", Layer.of("Tanh"), null).apply(line()))
                .hasMessage("The net already has a node named 'act'.");
        assertThatThrownBy(() -> new AddNode(ROOT, "Input", Layer.of("Tanh"), null).apply(line()))
                .hasMessage("'Input' is the name of a port of the net; a node needs another name.");
        assertThatThrownBy(() -> new AddNode(ROOT, "a.b", Layer.of("Tanh"), null).apply(line()))
                .hasMessage("A name cannot contain \".\" or \"/\", but got \"a.b\".");
        assertThatThrownBy(() -> new AddNode(NodePath.of("dense"), "x", Layer.of("Tanh"), null).apply(line()))
                .hasMessage("'dense' is a Linear, not a Graph.");
        assertThatThrownBy(() -> new AddNode(NodePath.of("nope"), "x", Layer.of("Tanh"), null).apply(line()))
                .hasMessage("There is no node 'nope' in the net.");
    }

    @Test
    void addPortDeclaresANewUnwiredInputWhereItIsDropped() {
        NetDocument d = new AddPort(ROOT, "Image", true, InputKind.IMAGE.decl(), new Layout.Position(300, 0)).apply(line());
        assertThat(net(d).inputs()).containsOnlyKeys("Input", "Image");
        assertThat(net(d).inputs().get("Image").type()).isEqualTo(org.netstudio.netgraph.tensor.TensorType.real(1, 28, 28));
        assertThat(net(d).edges()).hasSize(3);
        assertThat(d.layout().positions()).containsEntry("$Image", new Layout.Position(300, 0));
        assertThat(new AddPort(ROOT, "Image", true, InputKind.IMAGE.decl(), null).description()).isEqualTo("Add input 'Image'");
        assertThatThrownBy(() -> new AddPort(ROOT, "dense", true, InputKind.VECTOR.decl(), null).apply(line()))
                .hasMessage("The net already has a port or node named 'dense'.");
        assertThatThrownBy(() -> new AddPort(ROOT, "Output", true, InputKind.VECTOR.decl(), null).apply(line()))
                .hasMessage("The net already has a port or node named 'Output'.");
        assertThatThrownBy(() -> new AddPort(ROOT, "a/b", true, InputKind.VECTOR.decl(), null).apply(line()))
                .hasMessage("A name cannot contain \".\" or \"/\", but got \"a/b\".");
    }

    @Test
    void everyTypedInputIsADeclarationANetFileCanHold() {
        for (InputKind k : InputKind.values()) {
            assertThat(PortDecls.unwritable(k.decl(), true)).as(k.label()).isEmpty();
            assertThat(InputKind.ofId(k.id())).contains(k);
        }
        assertThat(InputKind.TEXT.decl().type()).as("n indices, one per character: a to z and space").isEqualTo(
                new org.netstudio.netgraph.tensor.TensorType(org.netstudio.netgraph.tensor.ElementKind.index(27),
                        List.of(org.netstudio.netgraph.tensor.Dim.symbolic("n"))));
        assertThat(InputKind.ofId("Linear")).isEmpty();
    }

    @Test
    void removeNodesTakesTheirWiresAndLayoutWithThem() {
        NetDocument d = new RemoveNodes(ROOT, List.of("dense")).apply(line());
        assertThat(net(d).nodes()).containsOnlyKeys("act");
        assertThat(net(d).edges()).containsExactly(edge("act.Output", "Output"));
        assertThat(d.layout().positions()).containsOnlyKeys("act", "$Input");
        assertThat(new RemoveNodes(ROOT, List.of("a", "b", "c")).description()).isEqualTo("Delete 3 nodes");
        assertThatThrownBy(() -> new RemoveNodes(ROOT, List.of("ghost")).apply(line()))
                .hasMessage("There is no node 'ghost' to delete.");
    }

    @Test
    void connectChecksEndsWiringAndCycles() {
        NetDocument d = new AddNode(ROOT, "sum", Layer.of("Total"), null).apply(line());
        d = new Connect(ROOT, edge("dense.Output", "sum.Input1")).apply(d);
        d = new Connect(ROOT, edge("act.Output", "sum.Input3")).apply(d);
        assertThat(((Layer) net(d).nodes().get("sum")).inputCount()).isEqualTo(3);
        assertThat(new Connect(ROOT, edge("dense.Output", "sum.Input1")).description()).isEqualTo("Connect dense to sum");

        NetDocument fd = d;
        assertThatThrownBy(() -> new Connect(ROOT, edge("Input", "act.Input")).apply(fd))
                .hasMessage("Input of 'act' is already wired from dense.Output; disconnect that wire first.");
        assertThatThrownBy(() -> new Connect(ROOT, edge("sum.Output", "Output")).apply(fd))
                .hasMessage("The output 'Output' of the net is already wired from act.Output; disconnect that wire first.");
        NetDocument cut = new Disconnect(ROOT, edge("Input", "dense.Input")).apply(d);
        assertThatThrownBy(() -> new Connect(ROOT, edge("sum.Output", "dense.Input")).apply(cut))
                .hasMessage("Wiring sum.Output to dense.Input would make a cycle: 'dense' already feeds 'sum'.");
        assertThatThrownBy(() -> new Connect(ROOT, edge("act.Out", "sum.Input2")).apply(fd))
                .hasMessage("'act' (Tanh) has no output 'Out' (it has Output).");
        assertThatThrownBy(() -> new Connect(ROOT, edge("act.Output", "dense.Target")).apply(fd))
                .hasMessage("'dense' (Linear) has no input 'Target' (it has Input).");
        assertThatThrownBy(() -> new Connect(ROOT, edge("Nope", "sum.Input2")).apply(fd))
                .hasMessage("The net has no input 'Nope'.");
        assertThatThrownBy(() -> new Connect(ROOT, edge("ghost.Output", "sum.Input2")).apply(fd))
                .hasMessage("There is no node 'ghost'.");
    }

    @Test
    void disconnectRemovesExactlyThatWire() {
        NetDocument d = new Disconnect(ROOT, edge("dense.Output", "act.Input")).apply(line());
        assertThat(net(d).edges()).containsExactly(edge("Input", "dense.Input"), edge("act.Output", "Output"));
        assertThatThrownBy(() -> new Disconnect(ROOT, edge("Input", "act.Input")).apply(line()))
                .hasMessage("There is no wire Input -> act.Input in the net.");
    }

    @Test
    void setParameterValidatesWithTheCatalogsSentence() {
        NetDocument d = new SetParameter(NodePath.of("dense"), "units", 16).apply(line());
        assertThat(((Layer) net(d).nodes().get("dense")).values()).containsEntry("units", 16);
        NetDocument reset = new SetParameter(NodePath.of("dense"), "bias", null)
                .apply(new SetParameter(NodePath.of("dense"), "bias", false).apply(d));
        assertThat(((Layer) net(reset).nodes().get("dense")).values()).doesNotContainKey("bias");
        assertThatThrownBy(() -> new SetParameter(NodePath.of("dense"), "units", -3).apply(line()))
                .hasMessage("Cannot set units of 'dense': units must be a positive whole number, but got -3.");
        assertThatThrownBy(() -> new SetParameter(NodePath.of("dense"), "size", 3).apply(line()))
                .hasMessage("Cannot set size of 'dense': Linear has no parameter \"size\" (it has units, bias).");
        assertThatThrownBy(() -> new SetParameter(ROOT, "units", 3).apply(line()))
                .hasMessage("The net is a Graph, which has no parameters.");
    }

    @Test
    void renameKeepsPlaceWiresAndLayout() {
        NetDocument d = new RenameNode(ROOT, "dense", "fc").apply(line());
        assertThat(net(d).nodes().keySet()).containsExactly("fc", "act");
        assertThat(net(d).edges()).containsExactly(edge("Input", "fc.Input"), edge("fc.Output", "act.Input"),
                edge("act.Output", "Output"));
        assertThat(d.layout().positions()).containsEntry("fc", new Layout.Position(100, 50)).doesNotContainKey("dense");
        assertThatThrownBy(() -> new RenameNode(ROOT, "dense", "act").apply(line()))
                .hasMessage("The net already has a node named 'act'.");
        assertThatThrownBy(() -> new RenameNode(ROOT, "ghost", "x").apply(line()))
                .hasMessage("There is no node 'ghost' to rename.");

        NetDocument chain = new NetDocument("c", Chain.of(PortDecl.UNSPECIFIED, Layer.of("Tanh"), Layer.of("Tanh")),
                Layout.EMPTY.with("tanh2", 5, 5));
        NetDocument renamed = new RenameNode(ROOT, "tanh2", "last").apply(chain);
        assertThat(((Chain) renamed.net()).elements()).extracting(Chain.Element::name).containsExactly("tanh1", "last");
        assertThat(renamed.layout().positions()).containsOnlyKeys("last");
    }

    @Test
    void moveNodesShiftsPositionsOnly() {
        NetDocument d = new MoveNodes(ROOT, List.of("dense", "act", "$Input"), 10, -5).apply(line());
        assertThat(d.net()).isEqualTo(line().net());
        assertThat(d.layout().positions()).containsEntry("dense", new Layout.Position(110, 45))
                .containsEntry("act", new Layout.Position(210, 55)).containsEntry("$Input", new Layout.Position(10, 45));
        assertThat(new MoveNodes(ROOT, List.of("dense", "act", "$Input"), 1, 1).description()).isEqualTo("Move 3 nodes");
        NetDocument noPos = new AddNode(ROOT, "x", Layer.of("Tanh"), null).apply(line());
        assertThatThrownBy(() -> new MoveNodes(ROOT, List.of("x"), 1, 1).apply(noPos))
                .hasMessage("'x' has no position on the canvas yet.");
    }

    @Test
    void setLayoutSetsPositions() {
        NetDocument d = new SetLayout(Map.of("act", new Layout.Position(1, 2)), "Auto-layout").apply(line());
        assertThat(d.layout().positions()).containsEntry("act", new Layout.Position(1, 2)).containsKey("dense");
    }

    @Test
    void insertOnEdgeSplitsTheWire() {
        NetDocument d = new InsertOnEdge(ROOT, edge("dense.Output", "act.Input"), "drop", Layer.of("Dropout"),
                new Layout.Position(150, 55)).apply(line());
        assertThat(net(d).edges()).containsExactly(edge("Input", "dense.Input"), edge("dense.Output", "drop.Input"),
                edge("drop.Output", "act.Input"), edge("act.Output", "Output"));
        assertThat(d.layout().positions()).containsKey("drop");
        assertThat(ShapeInference.infer(d.net()).diagnostics()).isEmpty();
        assertThatThrownBy(() -> new InsertOnEdge(ROOT, edge("Input", "act.Input"), "d", Layer.of("Dropout"), null).apply(line()))
                .hasMessage("There is no wire Input -> act.Input in the net.");
    }

    @Test
    void setPortDeclDeclaresShapesEncodersAndDecoders() {
        PortDecl image = PortDecls.encoder(new Coder("Image", Map.of("size", List.of(8, 1), "colorSpace", "Grayscale")));
        NetDocument d = new SetPortDecl(ROOT, "Input", true, image).apply(line());
        assertThat(net(d).inputs().get("Input")).isEqualTo(image);
        PortDecl classes = PortDecls.decoder(new Coder("Class", Map.of("labels", List.of("a", "b", "c", "d"))));
        d = new SetPortDecl(ROOT, "Output", false, classes).apply(d);
        assertThat(net(d).outputs().get("Output")).isEqualTo(classes);
        assertThatThrownBy(() -> new SetPortDecl(ROOT, "Output", true, PortDecls.shape(3)).apply(line()))
                .hasMessage("The net has no input 'Output'.");
        assertThatThrownBy(() -> new SetPortDecl(ROOT, "Input", true, PortDecl.of(
                org.netstudio.netgraph.tensor.TensorType.realOfRank(2))).apply(line()))
                .hasMessage("Cannot declare the input 'Input' of the net so: dimension 1 of its shape ?×? is not known.");
        NetDocument chain = new NetDocument("c", Chain.of(PortDecl.UNSPECIFIED, Layer.of("Tanh")), Layout.EMPTY);
        assertThat(((Chain) new SetPortDecl(ROOT, "Input", true, PortDecls.shape("n", 3)).apply(chain).net()).input())
                .isEqualTo(PortDecls.shape("n", 3));
    }

    @Test
    void replaceNetReplacesNetAndOptionallyLayout() {
        Chain c = Chain.of(PortDecls.shape(3), Layer.of("Tanh"));
        NetDocument d = new ReplaceNet(c, null, "Import").apply(line());
        assertThat(d.net()).isEqualTo(c);
        assertThat(d.layout()).isEqualTo(line().layout());
        assertThat(new ReplaceNet(c, Layout.EMPTY, "Import").apply(line()).layout()).isEqualTo(Layout.EMPTY);
    }

    @Test
    void chainsConvertToEquivalentGraphsAndBack() {
        Chain lenet = Chain.named(PortDecls.shape(1, 28, 28), List.of(Layer.of("Convolution", "channels", 4, "kernel", 5),
                Layer.of("Tanh"), Layer.of("Flatten"), Layer.of("Linear", "units", 10), Layer.of("Softmax")),
                java.util.Arrays.asList(null, null, null, "logits", null),
                PortDecls.decoder(new Coder("Class", Map.of("labels", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")))));
        Graph g = ChainToGraph.convert(lenet);
        assertThat(g.nodes().keySet()).containsExactly("convolution1", "tanh1", "flatten1", "logits", "softmax1");
        assertThat(g.edges()).startsWith(edge("Input", "convolution1.Input")).endsWith(edge("softmax1.Output", "Output"));
        assertThat(ShapeInference.infer(g).outputType(ROOT, "Output"))
                .isEqualTo(ShapeInference.infer(lenet).outputType(ROOT, "Output"));
        assertThat(GraphToChain.convert(g)).isEqualTo(lenet);
        assertThat(GraphToChain.convert(ChainToGraph.convert(Chain.of(PortDecl.UNSPECIFIED)))).isEqualTo(Chain.of(PortDecl.UNSPECIFIED));

        assertThat(GraphToChain.whyNot(net(new AddNode(ROOT, "x", Layer.of("Tanh"), null).apply(line()))))
                .contains("The graph has nodes or wires besides its line.");
        NetDocument doc = new NetDocument("c", Chain.of(PortDecl.UNSPECIFIED, Layer.of("Tanh")), Layout.EMPTY);
        NetDocument asGraph = new ChainToGraph(ROOT).apply(doc);
        assertThat(asGraph.net()).isInstanceOf(Graph.class);
        assertThat(new GraphToChain(ROOT).apply(asGraph)).isEqualTo(doc);
        assertThatThrownBy(() -> ChainToGraph.convert(Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Tanh")),
                List.of("Output"), PortDecl.UNSPECIFIED)))
                .hasMessage("A layer named 'Output' would clash with the graph's port of that name; rename it first.");
    }

    @Test
    void aChainThatCannotConvertIsStillViewedAsItsGraph() {
        Chain chain = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Tanh"), Layer.of("Sigmoid")),
                List.of("Input", "s"), PortDecl.UNSPECIFIED);

        Graph g = ChainToGraph.view(chain);

        assertThat(g.nodes().keySet()).containsExactly("Input", "s");
        assertThat(g.edges()).containsExactly(edge("Input", "Input.Input"), edge("Input.Output", "s.Input"),
                edge("s.Output", "Output"));
        assertThatThrownBy(() -> ChainToGraph.convert(chain)).hasMessageContaining("A layer named 'Input' would clash");
    }

    @Test
    void commandsReachIntoNestedContainers() {
        Graph inner = ChainToGraph.convert(Chain.of(PortDecl.UNSPECIFIED, Layer.of("Tanh")));
        Chain middle = Chain.named(PortDecl.UNSPECIFIED, List.of(inner), List.of("g"), PortDecl.UNSPECIFIED);
        Graph top = Graph.empty().withInput("Input", PortDecls.shape(3)).withNode("block", middle)
                .withEdge(edge("Input", "block.Input")).withEdge(edge("block.Output", "Output"))
                .withOutput("Output", PortDecl.UNSPECIFIED);
        NetDocument doc = new NetDocument("n", top, Layout.EMPTY.with("block/g/tanh1", 3, 4));
        NodePath g = NodePath.of("block", "g");

        NetDocument d = new InsertOnEdge(g, edge("tanh1.Output", "Output"), "lin", Layer.of("Linear", "units", 2), null).apply(doc);
        d = new RenameNode(g, "tanh1", "act").apply(d);
        d = new SetParameter(g.child("lin"), "units", 7).apply(d);

        Graph updated = (Graph) NetPaths.find(d.net(), g).orElseThrow();
        assertThat(updated.nodes().keySet()).containsExactly("act", "lin");
        assertThat(d.layout().positions()).containsOnlyKeys("block/g/act");
        assertThat(ShapeInference.infer(d.net()).outputType(ROOT, "Output").shapeText()).isEqualTo("7");
        assertThat(((Graph) doc.net()).nodes().get("block")).isEqualTo(middle);
    }
}
