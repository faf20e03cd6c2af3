package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.edit.CanvasEdit;
import org.netstudio.canvas.edit.CommandStackEditor;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** The view-model on its own: no Stage, no scene graph. */
class CanvasModelTest {

    private static NetDocument emptyGraph(int... inputShape) {
        Graph g = Graph.empty().withInput("Input", PortDecl.of(TensorType.real(inputShape)))
                .withOutput("Output", PortDecl.UNSPECIFIED);
        return new NetDocument("test", g, null);
    }

    private static CanvasModel model(NetDocument doc) {
        return new CanvasModel(CommandStackEditor.of(doc), LayoutRunner.direct());
    }

    static NetDocument lenet() {
        Chain lenet = Chain.of(PortDecl.of(TensorType.real(1, 28, 28)),
                Layer.of("Convolution", "channels", 20, "kernel", 5), Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2),
                Layer.of("Convolution", "channels", 50, "kernel", 5), Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2), Layer.of("Flatten"),
                Layer.of("Linear", "units", 500), Layer.of("Tanh"), Layer.of("Linear", "units", 10),
                Layer.of("Softmax"));
        return new NetDocument("LeNet-5", lenet, null);
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
        assertThat(m.getDocument().layout().positions()).isEmpty();
    }

    @Test
    void buildingLeNetByGesturesGivesShapesAndUndoesStepByStep() {
        CanvasModel m = model(emptyGraph(1, 28, 28));
        CommandStackEditor editor = (CommandStackEditor) m.editor();
        String conv = m.addNode("Convolution", 100, 100);
        m.execute(new CanvasEdit.SetParameter(NodePath.ROOT, conv, "channels", 20));
        m.execute(new CanvasEdit.SetParameter(NodePath.ROOT, conv, "kernel", 5));
        String relu = m.addNode("Ramp", 100, 200);
        assertThat(m.connect("$Input", "Input", conv, "Input")).isEmpty();
        assertThat(m.connect(conv, "Output", relu, "Input")).isEmpty();

        assertThat(conv).isEqualTo("conv1");
        assertThat(m.getLevel().node(relu).shape()).isEqualTo("20×24×24");
        assertThat(StackHistory.labels(editor.stack())).hasSize(6);
        while (editor.canUndo()) {
            m.undo();
        }
        assertThat(m.getLevel().graph().nodes()).isEmpty();
        while (editor.canRedo()) {
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
        assertThat(m.getInference().valid()).isTrue();
        assertThat(m.open(g)).isTrue();
        assertThat(m.getCurrentPath()).isEqualTo(NodePath.of(g));
        assertThat(m.getLevel().node("convolution1").shape()).isEqualTo("20×24×24");
        m.up();
        m.getSelection().add(g);
        m.ungroupSelection();
        assertThat(m.getLevel().graph().nodes()).containsKeys("convolution1", "tanh1", "pooling1");
        assertThat(m.getInference().valid()).isTrue();
    }

    @Test
    void copyPasteBringsWiresAndMakesNamesUnique() {
        CanvasModel m = model(lenet());
        m.getSelection().addAll(List.of("convolution1", "tanh1"));
        m.copy();
        m.paste();

        assertThat(m.getSelection()).containsExactlyInAnyOrder("convolution3", "tanh4");
        assertThat(m.getLevel().wires()).anyMatch(w -> w.fromId().equals("convolution3") && w.toId().equals("tanh4"));
        m.duplicate();
        assertThat(m.getLevel().graph().nodes()).containsKeys("convolution4", "tanh5");
    }

    @Test
    void moveIsOneEntryAndDeleteRemovesWires() {
        CanvasModel m = model(lenet());
        CommandStackEditor editor = (CommandStackEditor) m.editor();
        m.moveNodes(Map.of("tanh1", new org.netstudio.netgraph.net.Layout.Position(500, 500)));
        assertThat(StackHistory.labels(editor.stack())).containsExactly("Move");
        assertThat(m.getLevel().node("tanh1").x()).isEqualTo(500);
        m.getSelection().add("tanh1");
        m.deleteSelection();
        assertThat(m.getLevel().node("tanh1")).isNull();
        assertThat(m.getLevel().wires()).hasSize(10);
        assertThat(m.getInference().valid()).isFalse();
        assertThat(m.getLevel().node("pooling1").problems()).isNotEmpty();
    }

    @Test
    void openingAnotherDocumentStartsOver() {
        org.netstudio.netgraph.edit.CommandStack stack = new org.netstudio.netgraph.edit.CommandStack(lenet());
        CanvasModel m = new CanvasModel(new CommandStackEditor(stack), LayoutRunner.direct());
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
        assertThat(StackHistory.labels(((CommandStackEditor) m.editor()).stack())).containsExactly("Auto-layout");
        assertThat(m.getDocument().layout().positions()).containsKeys("convolution1", "$Input", "$Output");
    }
}
