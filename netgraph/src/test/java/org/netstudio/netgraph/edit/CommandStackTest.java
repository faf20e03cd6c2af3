package org.netstudio.netgraph.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

class CommandStackTest {

    private static final NodePath ROOT = NodePath.ROOT;

    private static NetDocument empty() {
        return new NetDocument("t", Graph.empty().withInput("Input", PortDecls.shape(4)), Layout.EMPTY);
    }

    private static Command add(String name) {
        return new AddNode(ROOT, name, Layer.of("Linear", "units", 3), null);
    }

    /** A stack whose one edit so far added the Linear layer "a" to the empty net. */
    private static CommandStack withA() {
        CommandStack s = new CommandStack(empty());
        s.execute(add("a"));
        return s;
    }

    private static Graph graph(CommandStack s) {
        return (Graph) s.document().net();
    }

    /** Sets a parameter of the layer "a", as the inspector does. */
    private static Command setOfA(String param, Object value) {
        return new SetParameter(NodePath.of("a"), param, value);
    }

    /** The parameter values set on the layer "a". */
    private static Map<String, Object> valuesOfA(CommandStack s) {
        return ((Layer) graph(s).nodes().get("a")).values();
    }

    /** Weights beside the net: "Use trained weights" undoes and redoes in order with the net's edits. */
    @Test
    void recordedEffectsUndoAndRedoInOrderWithCommandsAndMakeTheDocumentDirty() {
        CommandStack s = new CommandStack(empty());
        List<String> weights = new ArrayList<>(List.of("initial"));
        s.execute(add("a"));
        s.markSaved();
        s.record(new DocumentEffect() {
            public void redo() { weights.add("trained"); }
            public void undo() { weights.remove(weights.size() - 1); }
            public String description() { return "Use trained weights"; }
        });
        assertThat(weights).containsExactly("initial", "trained");
        assertThat(s.isDirty()).isTrue();
        assertThat(s.undoDescription()).contains("Use trained weights");
        s.execute(add("b"));

        s.undo();
        assertThat(weights).containsExactly("initial", "trained");
        s.undo();
        assertThat(weights).containsExactly("initial");
        assertThat(graph(s).nodes()).containsOnlyKeys("a");
        assertThat(s.isDirty()).isFalse();
        s.redo();
        assertThat(weights).containsExactly("initial", "trained");
        assertThat(s.redoDescription()).contains("Add Linear");
        s.redo();
        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b");
    }

    @Test
    void aFailingEffectLeavesTheHistoryAsItWas() {
        CommandStack s = new CommandStack(empty());
        boolean[] fail = {false};
        s.record(new DocumentEffect() {
            public void redo() { }
            public void undo() { if (fail[0]) throw new IllegalStateException("disk full"); }
            public String description() { return "Use trained weights"; }
        });
        fail[0] = true;
        assertThatThrownBy(s::undo).hasMessage("disk full");
        assertThat(s.canUndo()).isTrue();
        assertThat(s.canRedo()).isFalse();
    }

    @Test
    void executeUndoRedoRestoreExactDocuments() {
        CommandStack s = new CommandStack(empty());
        NetDocument start = s.document();

        assertThat(s.execute(add("a"))).isTrue();
        NetDocument afterA = s.document();
        s.execute(add("b"));

        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b");
        assertThat(s.undoDescription()).contains("Add Linear");
        assertThat(s.undo()).isTrue();
        assertThat(s.document()).isEqualTo(afterA);
        assertThat(s.undo()).isTrue();
        assertThat(s.document()).isSameAs(start);
        assertThat(s.canUndo()).isFalse();
        assertThat(s.undo()).isFalse();
        assertThat(s.redoDescription()).contains("Add Linear");
        s.redo();
        s.redo();
        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b");
        assertThat(s.canRedo()).isFalse();
    }

    @Test
    void aNewCommandAfterUndoDropsTheRedoHistory() {
        CommandStack s = withA();
        s.undo();
        s.execute(add("b"));
        assertThat(s.canRedo()).isFalse();
        assertThat(graph(s).nodes()).containsOnlyKeys("b");
    }

    @Test
    void aFailingCommandChangesNothingAndIsNotRecorded() {
        CommandStack s = withA();
        NetDocument before = s.document();
        assertThatThrownBy(() -> s.execute(add("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The net already has a node named 'a'.");
        assertThat(s.document()).isSameAs(before);
        s.undo();
        assertThat(s.canUndo()).isFalse();
    }

    @Test
    void noOpCommandsAreSkipped() {
        CommandStack s = withA();
        List<String> events = new ArrayList<>();
        s.addListener(st -> events.add("changed"));
        assertThat(s.execute(new RenameNode(ROOT, "a", "a"))).isFalse();
        assertThat(s.execute(setOfA("units", 3))).isFalse();
        assertThat(events).isEmpty();
        assertThat(s.undoDescription()).contains("Add Linear");
    }

    @Test
    void renamesGroupsAndUngroupsTellWhereNodesWentAndUndoTellsTheWayBack() {
        CommandStack s = withA();
        s.execute(add("b"));
        List<NodeMove> told = new ArrayList<>();
        s.addMoveListener(told::addAll);

        s.execute(new RenameNode(ROOT, "a", "first"));
        assertThat(told).containsExactly(new NodeMove(NodePath.of("a"), NodePath.of("first")));
        told.clear();
        s.execute(new Group(ROOT, List.of("first", "b"), "block"));
        assertThat(told).containsExactly(new NodeMove(NodePath.of("first"), NodePath.of("block", "first")),
                new NodeMove(NodePath.of("b"), NodePath.of("block", "b")));
        told.clear();
        s.execute(add("b"));                   // takes the name "b" outside the group
        s.execute(new Ungroup(ROOT, "block"));
        assertThat(told).as("the inner b comes out under a fresh name")
                .containsExactly(new NodeMove(NodePath.of("block", "first"), NodePath.of("first")),
                        new NodeMove(NodePath.of("block", "b"), NodePath.of("b2")));
        assertThat(graph(s).nodes()).containsKeys("first", "b", "b2");
        told.clear();

        s.undo();                              // the ungroup, backwards
        assertThat(told).containsExactly(new NodeMove(NodePath.of("b2"), NodePath.of("block", "b")),
                new NodeMove(NodePath.of("first"), NodePath.of("block", "first")));
        told.clear();
        s.undo();                              // the add: nothing moves
        assertThat(told).isEmpty();
        s.redo();
        s.redo();
        assertThat(told).containsExactly(new NodeMove(NodePath.of("block", "first"), NodePath.of("first")),
                new NodeMove(NodePath.of("block", "b"), NodePath.of("b2")));
    }

    @Test
    void typingAParameterValueIsOneUndoEntry() {
        CommandStack s = withA();
        s.execute(setOfA("units", 1));
        s.execute(setOfA("units", 12));
        s.execute(setOfA("units", 128));
        assertThat(valuesOfA(s)).containsEntry("units", 128);
        assertThat(s.undoDescription()).contains("Set units of 'a'");

        s.undo();
        assertThat(valuesOfA(s)).containsEntry("units", 3);
        assertThat(s.undoDescription()).contains("Add Linear");
        s.redo();
        assertThat(valuesOfA(s)).containsEntry("units", 128);
    }

    @Test
    void aCheckpointMarkedSavedLaterStaysReachableThoughTypingWentOn() {
        CommandStack s = withA();
        s.execute(setOfA("units", 12));
        long written = s.checkpoint();          // a save of units 12 starts
        s.execute(setOfA("units", 128));
        s.markSaved(written);                   // ... and is written

        assertThat(s.isDirty()).as("units 128 is not in the file").isTrue();
        s.undo();
        assertThat(valuesOfA(s)).containsEntry("units", 12);
        assertThat(s.isDirty()).as("back at what was written").isFalse();
    }

    @Test
    void editsThatMergeBackToTheStartLeaveNoEntry() {
        CommandStack s = withA();
        s.execute(setOfA("units", 30));
        s.execute(setOfA("units", 3));
        assertThat(s.undoDescription()).contains("Add Linear");
    }

    @Test
    void mergingStopsAtAnUndoOrASave() {
        CommandStack s = withA();
        s.execute(setOfA("units", 5));
        s.markSaved();
        s.execute(setOfA("units", 6));
        s.undo();
        assertThat(valuesOfA(s)).containsEntry("units", 5);
        assertThat(s.isDirty()).isFalse();
        s.execute(setOfA("bias", false));
        s.execute(setOfA("units", 7));
        s.undo();
        assertThat(valuesOfA(s)).containsEntry("units", 5).containsEntry("bias", false);
    }

    @Test
    void theSavedMarkTracksWhetherTheDocumentIsDirty() {
        CommandStack s = new CommandStack(empty());
        assertThat(s.isDirty()).isFalse();
        s.execute(add("a"));
        assertThat(s.isDirty()).isTrue();
        s.markSaved();
        assertThat(s.isDirty()).isFalse();
        s.execute(add("b"));
        assertThat(s.isDirty()).isTrue();
        s.undo();
        assertThat(s.isDirty()).isFalse();
        s.undo();
        assertThat(s.isDirty()).isTrue();
        s.redo();
        assertThat(s.isDirty()).isFalse();
        s.undo();
        s.execute(add("c"));
        // The saved state can no longer be reached.
        s.undo();
        assertThat(s.isDirty()).isTrue();
        s.reset(empty());
        assertThat(s.isDirty()).isFalse();
        assertThat(s.canUndo()).isFalse();
    }

    @Test
    void listenersAreToldAfterEachChangeAndMayNotEditMeanwhile() {
        CommandStack s = new CommandStack(empty());
        List<String> seen = new ArrayList<>();
        s.addListener(st -> seen.add(String.join(",", ((Graph) st.document().net()).nodes().keySet())));
        s.execute(add("a"));
        s.undo();
        s.redo();
        s.markSaved();
        assertThat(seen).containsExactly("a", "", "a", "a");

        s.addListener(st -> st.execute(add("x")));
        assertThatThrownBy(() -> s.execute(add("b"))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot execute a command while a command is running or listeners are being told");
        // The refused edit left the stack usable.
        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b");
    }

    @Test
    void aCommandThatTriesToEditTheStackIsRefused() {
        CommandStack s = new CommandStack(empty());
        Command sneaky = new Command() {
            @Override
            public NetDocument apply(NetDocument doc) {
                s.undo();
                return doc;
            }

            @Override
            public String description() {
                return "Sneaky";
            }
        };
        assertThatThrownBy(() -> s.execute(sneaky)).isInstanceOf(IllegalStateException.class);
        assertThat(s.execute(add("a"))).isTrue();
    }

    @Test
    void aCompoundGestureIsOneUndoEntry() {
        CommandStack s = new CommandStack(empty());
        List<String> events = new ArrayList<>();
        s.addListener(st -> events.add("changed"));
        s.compound("Paste", () -> {
            s.execute(add("a"));
            s.execute(add("b"));
            s.compound("inner", () -> s.execute(add("c")));
        });
        assertThat(events).hasSize(1);
        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b", "c");
        assertThat(s.undoDescription()).contains("Paste");
        assertThat(s.undoDepth()).isEqualTo(1);
        s.undo();
        assertThat(graph(s).nodes()).isEmpty();
        s.redo();
        assertThat(graph(s).nodes()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void aCompoundThatFailsHalfWayLeavesTheDocumentAsItWas() {
        CommandStack s = new CommandStack(empty());
        NetDocument before = s.document();
        assertThatThrownBy(() -> s.compound("Paste", () -> {
            s.execute(add("a"));
            s.execute(add("a"));
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.document()).isSameAs(before);
        assertThat(s.canUndo()).isFalse();
        assertThatThrownBy(() -> s.compound("x", s::undo)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot undo inside a compound edit.");
        assertThat(s.execute(add("b"))).isTrue();
    }

    @Test
    void aCompoundCommandAppliesAllOrNothing() {
        CommandStack s = new CommandStack(empty());
        assertThatThrownBy(() -> s.execute(CompoundCommand.of("Paste", add("a"), add("a"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(graph(s).nodes()).isEmpty();
        s.execute(CompoundCommand.of("Paste", add("a"), add("b")));
        assertThat(s.undoDescription()).contains("Paste");
    }

    @Test
    void theHistoryIsBounded() {
        CommandStack s = new CommandStack(empty(), 3);
        for (int i = 0; i < 5; i++) {
            s.execute(add("n" + i));
        }
        assertThat(s.undoDepth()).isEqualTo(3);
        int undone = 0;
        while (s.undo()) {
            undone++;
        }
        assertThat(undone).isEqualTo(3);
        assertThat(s.undoDepth()).isZero();
        assertThat(graph(s).nodes()).containsOnlyKeys("n0", "n1");
        assertThat(s.isDirty()).isTrue();
    }
}
