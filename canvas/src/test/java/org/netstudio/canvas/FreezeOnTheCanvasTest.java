package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;

/** Freeze and Unfreeze on a node's context menu: the node looks frozen, the document keeps it, Undo takes it back. */
class FreezeOnTheCanvasTest extends CanvasWindowTest {

    @Test
    void freezeANodeFromItsContextMenuSeeItIcedOverAndUndo(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        NodeView conv = f.view("convolution1");
        assertThat(conv.getPseudoClassStates()).doesNotContain(NodeView.FROZEN);

        robot.rightClickOn(f.center("convolution1"));
        robot.clickOn("Freeze");
        f.settle();

        assertThat(f.model.documentProperty().get().multipliers().frozen(NodePath.of("convolution1"))).isTrue();
        assertThat(f.view("convolution1").getPseudoClassStates()).contains(NodeView.FROZEN);
        assertThat(f.view("convolution1").multiplierText()).isEqualTo(NodeView.FROZEN_GLYPH);
        assertThat(f.view("convolution2").getPseudoClassStates()).doesNotContain(NodeView.FROZEN);
        assertThat(f.undoLabels()).last().isEqualTo("Freeze convolution1");

        robot.rightClickOn(f.center("convolution1"));
        robot.clickOn("Unfreeze");
        f.settle();
        assertThat(f.view("convolution1").getPseudoClassStates()).doesNotContain(NodeView.FROZEN);

        robot.interact(() -> f.model.undo());
        f.settle();
        assertThat(f.view("convolution1").getPseudoClassStates()).contains(NodeView.FROZEN);
        robot.interact(() -> f.model.undo());
        f.settle();
        assertThat(f.view("convolution1").getPseudoClassStates()).doesNotContain(NodeView.FROZEN);
        assertThat(f.view("convolution1").multiplierText()).isEmpty();
        assertThat(f.model.documentProperty().get().multipliers().isEmpty()).isTrue();
    }

    @Test
    void aMultiplierOtherThanZeroShowsItsFactorAndASelectionFreezesAsOneEdit(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());

        robot.interact(() -> {
            f.model.getSelection().addAll(java.util.List.of("convolution1", "tanh1"));
            f.model.freezeSelection();
            f.model.getSelection().clear();
            f.model.getSelection().add("convolution2");
            f.model.setSelectionMultiplier(0.1);
        });
        f.settle();

        assertThat(f.undoLabels()).containsSubsequence("Freeze 2 nodes", "Set the learning-rate multiplier of convolution2");
        assertThat(f.view("tanh1").getPseudoClassStates()).contains(NodeView.FROZEN);
        assertThat(f.view("convolution2").multiplierText()).isEqualTo("×0.1");
        assertThat(f.view("convolution2").getPseudoClassStates()).doesNotContain(NodeView.FROZEN);
    }
}
