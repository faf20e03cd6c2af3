package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.canvas.level.NodeItem;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** LeNet-5 built in the real main window: palette drags, port wires, inspector edits, undo and redo by keyboard. */
class LeNetInTheWindowTest extends InTheWindowTest {

    private WindowFixture openEmpty(FxRobot robot, int... inputShape) {
        openWindow(robot);
        robot.interact(() -> f.workspace().open(OpenNet.untitled(WindowFixture.emptyGraph("LeNet", inputShape), "LeNet")));
        f.settle();
        return f;
    }

    private MenuItem item(AppAction a) {
        return f.window.menu().item(a);
    }

    @Test
    void buildLeNetFromThePaletteSetItsSizesInTheInspectorUndoEverythingAndRedo(FxRobot robot) {
        openEmpty(robot, 1, 28, 28);
        NodeItem in = f.node("$Input");
        robot.interact(() -> {
            f.canvas().panXProperty().set(40 - in.x());
            f.canvas().panYProperty().set(16 - in.y());
        });
        assertThat(item(AppAction.UNDO).isDisable()).as("nothing to undo yet").isTrue();
        double x = in.x() - 24;
        double y = in.y() + 120;
        String conv = f.dragFromPalette("Convolution", x + 100, y);
        String ramp = f.dragFromPalette("ReLU", x + 100, y + 100);
        String pool = f.dragFromPalette("Pooling", x + 100, y + 200);
        String flat = f.dragFromPalette("Flatten", x + 400, y);
        String lin = f.dragFromPalette("dense", x + 400, y + 100);
        String soft = f.dragFromPalette("Softmax", x + 400, y + 200);
        assertThat(List.of(conv, ramp, pool, flat, lin, soft))
                .containsExactly("conv1", "ramp1", "pool1", "flatten1", "linear1", "softmax1");

        // the inspector follows the canvas selection; each committed value is one undo entry
        robot.clickOn(f.center(conv));
        f.typeInto("#param-channels", "20");
        robot.type(KeyCode.ENTER);
        f.typeInto("#param-kernel", "5");
        robot.type(KeyCode.ENTER);
        robot.clickOn(f.center(lin));
        f.typeInto("#param-units", "10");
        robot.type(KeyCode.ENTER);

        f.wireChain(conv, ramp, pool, flat, lin, soft);

        assertThat(f.shapeOn(conv)).isEqualTo("20×24×24");
        assertThat(f.shapeOn(ramp)).isEqualTo("20×24×24");
        assertThat(f.shapeOn(pool)).isEqualTo("20×12×12");
        assertThat(f.shapeOn(flat)).isEqualTo("2880");
        assertThat(f.shapeOn(lin)).isEqualTo("10");
        assertThat(f.shapeOn(soft)).isEqualTo("10");
        assertThat(f.fx(() -> f.model().inferenceProperty().get().valid())).isTrue();
        assertThat(f.text("#statusValidity")).isEqualTo("Valid");
        assertThat(f.text("#statusParameters")).isEqualTo("29,330 parameters (29,330 trainable + 0 non-trainable)");
        assertThat(stage.getTitle()).isEqualTo("*LeNet — NetStudio");
        assertThat(item(AppAction.UNDO).isDisable()).isFalse();
        int steps = f.undoDepth();
        assertThat(steps).isEqualTo(6 + 3 + 7 + 1);

        f.tapShortcut(steps, KeyCode.Z);
        assertThat(f.fx(() -> f.model().getLevel().graph().nodes())).isEmpty();
        assertThat(f.fx(() -> f.model().getLevel().wires())).isEmpty();
        assertThat(item(AppAction.UNDO).isDisable()).as("nothing left to undo").isTrue();
        assertThat(stage.getTitle()).as("back at the saved state").isEqualTo("LeNet — NetStudio");

        f.tapShortcut(steps, KeyCode.SHIFT, KeyCode.Z);
        assertThat(f.shapeOn(pool)).isEqualTo("20×12×12");
        assertThat(f.shapeOn(lin)).isEqualTo("10");
        assertThat(f.fx(() -> f.model().inferenceProperty().get().valid())).isTrue();
        assertThat(item(AppAction.REDO).isDisable()).isTrue();
    }

    @Test
    void anIncompatibleWireIsRefusedWithItsReasonOnScreen(FxRobot robot) {
        openEmpty(robot, 3);
        NodeItem in = f.node("$Input");
        String lin = f.dragFromPalette("dense", in.centerX(), in.y() + 160);
        String lstm = f.dragFromPalette("LSTM", in.centerX(), in.y() + 300);
        f.wire("$Input", "Input", lin, "Input");
        int before = f.undoDepth();

        f.wire(lin, "Output", lstm, "Input");

        String toast = f.fx(() -> robot.lookup(".canvas-toast").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.Label::getText).findFirst().orElse(null));
        assertThat(toast).contains("must be a sequence of vectors").contains("a vector is not compatible with a matrix");
        assertThat(f.undoDepth()).isEqualTo(before);
        assertThat(f.fx(() -> f.model().getLevel().wires())).hasSize(1);
    }

    @Test
    void menuShortcutsActOnTheCanvasInFrontButNotWhileTyping(FxRobot robot) {
        openEmpty(robot, 1, 28, 28);
        NodeItem in = f.node("$Input");
        f.dragFromPalette("Linear", in.centerX(), in.y() + 160);
        assertThat(f.undoDepth()).isEqualTo(1);

        // typing in the palette's search: Shortcut+Z edits the text, never the net
        robot.clickOn(f.workspace().palette().searchField());
        robot.push(KeyCode.SHORTCUT, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.model().getLevel().graph().nodes())).hasSize(1);
        assertThat(item(AppAction.UNDO).isDisable()).as("menus are off while typing").isTrue();

        // from the menu, with the focus outside any field
        robot.interact(() -> f.window.canvasTabs().requestFocus());
        robot.clickOn("#menuEdit").clickOn("#menuUndo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.model().getLevel().graph().nodes())).isEmpty();
        assertThat(item(AppAction.REDO).isDisable()).isFalse();
    }
}
