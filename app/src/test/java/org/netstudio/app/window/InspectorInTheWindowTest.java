package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;

/** The inspector and the canvas of the real window editing one net: parameters, groups and the view. */
class InspectorInTheWindowTest extends InTheWindowTest {

    private void openLeNet(FxRobot robot) {
        openGalleryNet(robot, "lenet");
    }

    @Test
    void aParameterChangedInTheInspectorChangesTheShapesDownstreamOnTheCanvasAndUndoes(FxRobot robot) {
        openLeNet(robot);
        assertThat(f.shapeOn("pool1")).isEqualTo("6×14×14");
        robot.clickOn(f.center("conv1"));
        assertThat(f.fx(() -> f.workspace().inspector().getSelectedPaths())).containsExactly(NodePath.of("conv1"));

        f.typeInto("#param-channels", "8");
        robot.type(KeyCode.ENTER);

        assertThat(f.shapeOn("conv1")).isEqualTo("8×28×28");
        assertThat(f.shapeOn("pool1")).as("downstream").isEqualTo("8×14×14");
        assertThat(stage.getTitle()).startsWith("*LeNet-5");

        f.shortcut(KeyCode.Z);
        assertThat(f.shapeOn("pool1")).isEqualTo("6×14×14");
        assertThat(f.field("#param-channels")).isEqualTo("6");
        assertThat(stage.getTitle()).isEqualTo("LeNet-5 — NetStudio");
    }

    @Test
    void anInvalidValueShowsItsMessageAndChangesNothing(FxRobot robot) {
        openLeNet(robot);
        robot.clickOn(f.center("conv1"));
        f.typeInto("#param-channels", "-3");
        robot.type(KeyCode.ENTER);

        assertThat(f.fx(() -> robot.lookup("#error-channels").query().isVisible())).isTrue();
        assertThat(f.text("#error-channels")).contains("channels").contains("-3");
        assertThat(f.shapeOn("conv1")).isEqualTo("6×28×28");
        assertThat(f.undoDepth()).isZero();
    }

    @Test
    void groupAndUngroupWithTheKeyboard(FxRobot robot) {
        openLeNet(robot);
        double conv = f.node("conv1").y();
        double pool = f.node("pool1").y();
        String tanh = f.fx(() -> f.model().getLevel().nodes().stream()
                .filter(n -> n.typeName().equals("Tanh") && n.y() > conv && n.y() < pool)
                .findFirst().orElseThrow().id());
        robot.clickOn(f.center("conv1"));
        robot.press(KeyCode.SHIFT).clickOn(f.center(tanh)).clickOn(f.center("pool1")).release(KeyCode.SHIFT);
        f.shortcut(KeyCode.G);
        NodeItem group = f.node("group1");
        assertThat(group).isNotNull();
        assertThat(group.kind()).isEqualTo(NodeItem.Kind.CONTAINER);
        assertThat(f.fx(() -> f.model().inferenceProperty().get().valid())).isTrue();

        robot.clickOn(f.center("group1"));
        f.shortcut(KeyCode.SHIFT, KeyCode.G);
        assertThat(f.fx(() -> f.model().getLevel().graph().nodes())).containsKeys("conv1", tanh, "pool1")
                .doesNotContainKey("group1");
        assertThat(f.fx(() -> f.model().inferenceProperty().get().valid())).isTrue();
        assertThat(f.undoDepth()).isEqualTo(2);
    }

    @Test
    void zoomToFitShowsTheWholeNet(FxRobot robot) {
        openLeNet(robot);
        robot.interact(() -> f.canvas().zoomProperty().set(2));
        f.zoomToFitShowsEveryNode();
        assertThat(f.canvas().zoomProperty().get()).isLessThan(2);
    }
}
