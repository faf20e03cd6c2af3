package org.netstudio.canvas;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.NodeMark;
import org.netstudio.canvas.level.NodeNames;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.SetParameter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/** The view-model on its own: no Stage, no scene graph; each gesture is one command on the stack. */
class CanvasModelTest {

    private static NetDocument emptyGraph(int... inputShape) {
        Graph g = Graph.empty().withInput("Input", PortDecl.of(TensorType.real(inputShape)))
                .withOutput("Output", PortDecl.UNSPECIFIED);
        return new NetDocument("test", g, null);
    }

    private static CanvasModel model(NetDocument doc) {
        return new CanvasModel(new CommandStack(doc), LayoutRunner.direct());
    }

    private static NetDocument lenet() {
        return CanvasDemo.lenet();
    }

    /** LeNet with these nodes selected, copied and pasted (the copies are selected). */
    private static CanvasModel pastedIntoLenet(String... ids) {
        CanvasModel m = model(lenet());
        m.getSelection().addAll(List.of(ids));
        m.copy();
        m.paste();
        return m;
    }

    @Test
    void aMarkShowsOnItsNodeAndOnTheContainerAboveUntilTheNextEdit() {
        Chain block = Chain.named(PortDecl.UNSPECIFIED, List.of(Layer.of("Elementwise", "function", "log(x)")),
                List.of("log1"), PortDecl.UNSPECIFIED);
        CanvasModel m = model(new NetDocument("marked", Chain.named(PortDecl.of(TensorType.real(3)),
                List.of(Layer.of("Linear", "units", 4), block), List.of("linear1", "block"), PortDecl.UNSPECIFIED), null));

        m.mark(new NodeMark(NodePath.of("block", "log1"), "Loss became NaN."));

        assertThat(m.getLevel().node("block").problems()).containsExactly("Inside, at block/log1: Loss became NaN.");
        assertThat(m.getLevel().node("linear1").problems()).isEmpty();
        m.setCurrentPath(NodePath.of("block"));
        assertThat(m.getLevel().node("log1").problems()).containsExactly("Loss became NaN.");

        m.setCurrentPath(NodePath.ROOT);
        m.moveNodes(Map.of("linear1", new Layout.Position(10, 10)));
        assertThat(m.markProperty().get()).isNull();
        assertThat(m.getLevel().node("block").problems()).isEmpty();
    }

    @Test
    void anImportedOpaqueNodeIsTitledByItsOnnxOperator() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(4)),
                Layer.of("OnnxOperator", "op", "Erf", "outputs", "Real 4"), Layer.of("Linear", "units", 3));
        LevelView v = model(new NetDocument("imported", net, null)).getLevel();

        NodeItem erf = v.node("onnxoperator1");
        assertThat(erf.title()).isEqualTo("Erf");
        assertThat(erf.detail()).isEqualTo("ONNX");
        assertThat(erf.shape()).isEqualTo("4");
        assertThat(v.node("linear1").title()).isEqualTo("Linear");
    }

    @Test
    void aChainIsShownAsAGraphWithShapesParamsAndAutoLayout() {
        CanvasModel m = model(lenet());
        LevelView v = m.getLevel();

        assertThat(v.chain()).isTrue();
        assertThat(v.nodes()).hasSize(13);
        assertThat(v.allPlaced()).isTrue();
        NodeItem conv = v.node("convolution1");
        assertThat(conv.title()).isEqualTo("Convolution");
        assertThat(conv.detail()).isEqualTo("20, 5×5");
        assertThat(conv.shape()).isEqualTo("20×24×24");
        assertThat(conv.params()).isEqualTo("520 params");
        assertThat(conv.category()).isEqualTo("category-convolution");
        assertThat(v.node("pooling1").detail()).isEqualTo("mean 2×2");
        assertThat(v.node("$Input").detail()).isEqualTo("1×28×28");
        assertThat(v.wires()).hasSize(12);
        assertThat(v.node("convolution1").y()).isGreaterThan(v.node("$Input").y());
        assertThat(m.documentProperty().get().layout().positions()).isEmpty();
    }

    @Test
    void buildingLeNetByGesturesGivesShapesAndUndoesStepByStep() {
        CanvasModel m = model(emptyGraph(1, 28, 28));
        CommandStack stack = m.stack();
        String conv = m.addNode("Convolution", 100, 100);
        m.execute(new SetParameter(NodePath.of(conv), "channels", 20));
        m.execute(new SetParameter(NodePath.of(conv), "kernel", 5));
        String relu = m.addNode("Ramp", 100, 200);
        assertThat(m.connect("$Input", "Input", conv, "Input")).isEmpty();
        assertThat(m.connect(conv, "Output", relu, "Input")).isEmpty();

        assertThat(conv).isEqualTo("conv1");
        assertThat(m.getLevel().node(relu).shape()).isEqualTo("20×24×24");
        assertThat(StackHistory.labels(stack)).hasSize(6).startsWith("Add conv1");
        while (stack.canUndo()) {
            m.undo();
        }
        assertThat(m.getLevel().graph().nodes()).isEmpty();
        while (stack.canRedo()) {
            m.redo();
        }
        assertThat(m.getLevel().node(relu).shape()).isEqualTo("20×24×24");
    }

    @Test
    void anIncompatibleWireIsRefusedWithItsReason() {
        CanvasModel m = model(emptyGraph(3));
        String lin = m.addNode("Linear", 100, 100);
        String lstm = m.addNode("LSTM", 100, 200);
        m.connect("$Input", "Input", lin, "Input");

        PortRequirement.Compatibility c = m.checkWire(lin, "Output", lstm, "Input");
        var refused = m.connect(lin, "Output", lstm, "Input");

        assertThat(c).isInstanceOf(PortRequirement.Mismatch.class);
        assertThat(refused).hasValueSatisfying(r -> assertThat(r)
                .contains("must be a sequence of vectors").contains("a vector is not compatible with a matrix"));
        assertThat(m.messageProperty().get().text()).isEqualTo(refused.get());
        assertThat(m.getLevel().wires()).hasSize(1);
    }

    @Test
    void groupUngroupAndDrillIn() {
        CanvasModel m = model(lenet());
        m.getSelection().addAll(List.of("convolution1", "tanh1", "pooling1"));
        String g = m.groupSelection().orElseThrow();

        assertThat(m.getLevel().node(g).kind()).isEqualTo(NodeItem.Kind.CONTAINER);
        assertThat(m.getLevel().node(g).shape()).isEqualTo("20×12×12");
        assertThat(m.getLevel().node(g).params()).isEqualTo("520 params");
        assertThat(m.inferenceProperty().get().valid()).isTrue();
        assertThat(m.open(g)).isTrue();
        assertThat(m.getCurrentPath()).isEqualTo(NodePath.of(g));
        assertThat(m.getLevel().node("convolution1").shape()).isEqualTo("20×24×24");
        m.up();
        m.getSelection().add(g);
        m.ungroupSelection();
        assertThat(m.getLevel().graph().nodes()).containsKeys("convolution1", "tanh1", "pooling1");
        assertThat(m.inferenceProperty().get().valid()).isTrue();
    }

    @Test
    void copyPasteBringsWiresAndMakesNamesUnique() {
        CanvasModel m = pastedIntoLenet("convolution1", "tanh1");

        assertThat(m.getSelection()).containsExactlyInAnyOrder("convolution3", "tanh4");
        assertThat(m.getLevel().wires()).anyMatch(w -> w.fromId().equals("convolution3") && w.toId().equals("tanh4"));
        m.duplicate();
        assertThat(m.getLevel().graph().nodes()).containsKeys("convolution4", "tanh5");
    }

    @Test
    void moveIsOneEntryAndDeleteRemovesWires() {
        CanvasModel m = model(lenet());
        m.moveNodes(Map.of("tanh1", new Layout.Position(500, 500)));
        assertThat(StackHistory.labels(m.stack())).containsExactly("Move");
        assertThat(m.getLevel().node("tanh1").x()).isEqualTo(500);
        m.getSelection().add("tanh1");
        m.deleteSelection();
        assertThat(m.getLevel().node("tanh1")).isNull();
        assertThat(m.getLevel().wires()).hasSize(10);
        assertThat(m.inferenceProperty().get().valid()).isFalse();
        assertThat(m.getLevel().node("pooling1").problems()).isNotEmpty();
    }

    @Test
    void openingAnotherDocumentStartsOver() {
        CommandStack stack = new CommandStack(lenet());
        CanvasModel m = new CanvasModel(stack, LayoutRunner.direct());
        m.getSelection().add("tanh1");
        stack.reset(emptyGraph(3));

        assertThat(m.generationProperty().get()).isEqualTo(1);
        assertThat(m.getSelection()).isEmpty();
        assertThat(m.getLevel().nodes()).extracting(NodeItem::id).containsExactly("$Input", "$Output");
        assertThat(m.getLevel().allPlaced()).isTrue();
    }

    @Test
    void autoLayoutIsOneUndoEntry() {
        CanvasModel m = model(lenet());
        m.autoLayout();
        assertThat(StackHistory.labels(m.stack())).containsExactly("Auto-layout");
        assertThat(m.documentProperty().get().layout().positions()).containsKeys("convolution1", "$Input", "$Output");
    }

    @Test
    void aChainLevelBecomesAGraphInsideTheSameUndoEntry() {
        CanvasModel m = model(lenet());
        m.getSelection().add("tanh1");
        m.deleteSelection();

        assertThat(m.documentProperty().get().net()).isInstanceOf(Graph.class);
        assertThat(((Graph) m.documentProperty().get().net()).nodes()).doesNotContainKey("tanh1")
                .containsKey("convolution1");
        m.undo();
        assertThat(m.documentProperty().get().net()).isInstanceOf(Chain.class);
        assertThat(m.stack().canUndo()).isFalse();
    }

    @Test
    void layoutEditsLeaveAChainAChain() {
        CanvasModel m = model(lenet());
        m.moveNodes(Map.of("tanh1", new Layout.Position(10, 20)));

        assertThat(m.documentProperty().get().net()).isInstanceOf(Chain.class);
        assertThat(m.documentProperty().get().layout().positions()).containsEntry("tanh1", new Layout.Position(10, 20));
        assertThat(m.stack().undoDescription()).hasValue("Move");
    }

    @Test
    void connectingAWiredInputMovesTheWireInOneEntry() {
        CanvasModel m = model(lenet());
        m.getSelection().add("flatten1");
        m.deleteSelection();
        String flat = m.addNode("Flatten", 100, 100);
        assertThat(m.connect("pooling2", "Output", flat, "Input")).isEmpty();
        assertThat(m.connect("pooling1", "Output", flat, "Input")).isEmpty();

        Edge e1 = new Edge(PortRef.of("pooling2", "Output"), PortRef.of(flat, "Input"));
        Edge e2 = new Edge(PortRef.of("pooling1", "Output"), PortRef.of(flat, "Input"));
        assertThat(((Graph) m.documentProperty().get().net()).edgesInto(PortRef.of(flat, "Input"))).containsExactly(e2);
        m.undo();
        assertThat(((Graph) m.documentProperty().get().net()).edgesInto(PortRef.of(flat, "Input"))).containsExactly(e1);
    }

    @Test
    void aRefusedGestureRecordsNothingAndSaysWhyInASentence() {
        CanvasModel m = model(lenet());
        NetDocument before = m.documentProperty().get();

        var refused = m.connect("tanh3", "Output", "linear1", "Input");

        assertThat(refused).hasValueSatisfying(r -> assertThat(r).contains("cycle").endsWith("."));
        assertThat(m.messageProperty().get().text()).isEqualTo(refused.get());
        assertThat(m.documentProperty().get()).isSameAs(before);
        assertThat(m.stack().canUndo()).isFalse();
    }

    @Test
    void pasteAddsNodesAndWiresAsOneEntry() {
        CanvasModel m = pastedIntoLenet("tanh1", "pooling1");

        Graph g = (Graph) m.documentProperty().get().net();
        assertThat(g.nodes()).containsKeys("tanh4", "pooling3");
        assertThat(g.edges()).contains(new Edge(PortRef.of("tanh4", "Output"), PortRef.of("pooling3", "Input")));
        assertThat(m.stack().undoDescription()).hasValue("Paste 2 nodes");
        m.undo();
        assertThat(m.stack().canUndo()).isFalse();
    }

    @Test
    void newNodesGetShortUniqueNames() {
        assertThat(NodeNames.baseName("Convolution")).isEqualTo("conv");
        assertThat(NodeNames.baseName("Linear")).isEqualTo("linear");
        assertThat(NodeNames.uniqueName(Set.of("conv1", "conv2"), "conv")).isEqualTo("conv3");
        assertThat(NodeNames.uniqueName(Set.of("conv1"), "conv1")).isEqualTo("conv2");
    }
}
