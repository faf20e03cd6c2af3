package org.netstudio.canvas.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

class CommandStackEditorTest {

    private final CommandStack stack = new CommandStack(CanvasDemo.lenet());
    private final CommandStackEditor editor = new CommandStackEditor(stack);

    @Test
    void aChainLevelBecomesAGraphInsideTheSameUndoEntry() {
        editor.execute(new CanvasEdit.RemoveNodes(NodePath.ROOT, Set.of("tanh1")));

        assertThat(stack.document().net()).isInstanceOf(Graph.class);
        assertThat(((Graph) stack.document().net()).nodes()).doesNotContainKey("tanh1").containsKey("convolution1");
        stack.undo();
        assertThat(stack.document().net()).isInstanceOf(Chain.class);
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void layoutEditsLeaveAChainAChain() {
        editor.execute(new CanvasEdit.MoveNodes(NodePath.ROOT, Map.of("tanh1", new Layout.Position(10, 20))));

        assertThat(stack.document().net()).isInstanceOf(Chain.class);
        assertThat(stack.document().layout().positions()).containsEntry("tanh1", new Layout.Position(10, 20));
        assertThat(stack.undoDescription()).hasValue("Move");
    }

    @Test
    void connectingAWiredInputMovesTheWireInOneEntry() {
        editor.execute(new CanvasEdit.RemoveNodes(NodePath.ROOT, Set.of("flatten1")));
        editor.execute(new CanvasEdit.AddNode(NodePath.ROOT, "flat", Layer.of("Flatten"), null));
        Edge e1 = new Edge(PortRef.of("pooling2", "Output"), PortRef.of("flat", "Input"));
        Edge e2 = new Edge(PortRef.of("pooling1", "Output"), PortRef.of("flat", "Input"));
        editor.execute(new CanvasEdit.Connect(NodePath.ROOT, e1));
        editor.execute(new CanvasEdit.Connect(NodePath.ROOT, e2));

        Graph g = (Graph) stack.document().net();
        assertThat(g.edgesInto(PortRef.of("flat", "Input"))).containsExactly(e2);
        stack.undo();
        assertThat(((Graph) stack.document().net()).edgesInto(PortRef.of("flat", "Input"))).containsExactly(e1);
    }

    @Test
    void previewRecordsNothingAndRefusalsAreSentences() {
        NetDocument before = stack.document();
        NetDocument after = editor.preview(new CanvasEdit.RemoveNodes(NodePath.ROOT, Set.of("tanh1")));

        assertThat(stack.document()).isSameAs(before);
        assertThat(stack.canUndo()).isFalse();
        assertThat(((Graph) after.net()).nodes()).doesNotContainKey("tanh1");
        assertThatThrownBy(() -> editor.execute(new CanvasEdit.Connect(NodePath.ROOT,
                new Edge(PortRef.of("softmax1", "Output"), PortRef.of("convolution1", "Input")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }

    @Test
    void pasteAddsNodesAndWiresAsOneEntry() {
        Graph fragment = new Graph(Map.of(), Map.of("a", Layer.of("Tanh"), "b", Layer.of("Sigmoid")),
                List.of(new Edge(PortRef.of("a", "Output"), PortRef.of("b", "Input"))), Map.of());
        editor.execute(new CanvasEdit.Paste(NodePath.ROOT, fragment,
                Map.of("a", new Layout.Position(0, 0), "b", new Layout.Position(0, 100))));

        Graph g = (Graph) stack.document().net();
        assertThat(g.nodes()).containsKeys("a", "b");
        assertThat(g.edges()).contains(new Edge(PortRef.of("a", "Output"), PortRef.of("b", "Input")));
        assertThat(stack.undoDescription()).hasValue("Paste 2 nodes");
        stack.undo();
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void namesAreShortAndUnique() {
        assertThat(GraphEdits.baseName("Convolution")).isEqualTo("conv");
        assertThat(GraphEdits.baseName("Linear")).isEqualTo("linear");
        assertThat(GraphEdits.uniqueName(Set.of("conv1", "conv2"), "conv")).isEqualTo("conv3");
        assertThat(GraphEdits.uniqueName(Set.of("conv1"), "conv1")).isEqualTo("conv2");
    }
}
