package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;


import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.LevelBuilder;
import org.netstudio.inspector.InspectorMode;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A new net's input: what it shows, how a click opens its declaration, and the palette's typed inputs. */
class NewInputInTheWindowTest extends InTheWindowTest {

    private PortDecl declared(String port) {
        return f.fx(() -> ((Graph) f.model().documentProperty().get().net()).inputs().get(port));
    }

    private String detailOn(String id) {
        return f.fx(() -> f.model().getLevel().node(id).detail());
    }

    @Test
    void clickingANewNetsUnknownInputOpensItsShapeAndEncoderAndTypingAShapeSetsIt(FxRobot robot) {
        openNewNet(robot);
        assertThat(detailOn("$Input")).as("the input says it is to be set").isEqualTo(LevelBuilder.UNSET_INPUT);

        robot.clickOn(f.center("$Input"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.model().getSelection())).containsExactly("$Input");
        assertThat(f.fx(() -> f.workspace().inspector().modeProperty().get())).isEqualTo(InspectorMode.PORT);
        assertThat(f.fx(() -> robot.lookup("#decl-in-Input").query().isVisible())).isTrue();
        assertThat(f.fx(() -> robot.lookup("#decl-out-Output").tryQuery().isPresent()))
                .as("only the input clicked").isFalse();
        assertThat(f.fx(() -> robot.lookup("#decl-in-Input-shape-field").query().isVisible())).isTrue();
        assertThat(f.fx(() -> robot.lookup("#decl-in-Input-hint").query().isVisible())).isTrue();

        f.typeInto("#decl-in-Input-shape-field", "2");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(declared("Input").type()).isEqualTo(TensorType.real(2));
        assertThat(detailOn("$Input")).isEqualTo("2");
        assertThat(f.fx(() -> robot.lookup("#decl-in-Input-kind").queryAs(javafx.scene.control.ComboBox.class)
                .getValue().toString())).isEqualTo("Real numbers");

        f.shortcut(KeyCode.Z);
        assertThat(declared("Input").isUnspecified()).isTrue();
        assertThat(detailOn("$Input")).isEqualTo(LevelBuilder.UNSET_INPUT);
    }

    @Test
    void theTypedInputsOfThePaletteDeclareANewNetsInputThenAddMoreInputs(FxRobot robot) {
        openNewNet(robot);
        assertThat(f.fx(() -> f.workspace().palette().visibleTypes()))
                .startsWith("input:Image", "input:Vector", "input:Sequence", "input:Text", "Linear");
        var input = f.node("$Input");

        // Into a new net, the first typed input is what its one input reads.
        f.dropPaletteEntry("Image input", input.centerX() + 300, input.centerY() + 150);
        assertThat(declared("Input").coder().type()).isEqualTo("Image");
        assertThat(declared("Input").type()).isEqualTo(TensorType.real(1, 28, 28));
        assertThat(f.fx(() -> ((Graph) f.model().documentProperty().get().net()).inputs())).hasSize(1);
        assertThat(f.fx(() -> f.model().getSelection())).containsExactly("$Input");
        assertThat(f.field("#nodeName")).isEqualTo("Input");

        // Then another one is another input, where it was dropped, declared and selected for adjusting.
        f.dropPaletteEntry("Text input", input.centerX() + 300, input.centerY() + 150);
        assertThat(declared("Text").coder().type()).isEqualTo("Characters");
        assertThat(f.fx(() -> f.model().getSelection())).containsExactly("$Text");
        assertThat(f.fx(() -> f.model().getLevel().node("$Text").contains(input.centerX() + 300, input.centerY() + 150)))
                .isTrue();
        assertThat(f.fx(() -> robot.lookup("#decl-in-Text-alphabet").queryAs(TextField.class).getText()))
                .isEqualTo("abcdefghijklmnopqrstuvwxyz ");
        assertThat(f.undoDepth()).isEqualTo(2);

        f.shortcut(KeyCode.Z);
        assertThat(f.fx(() -> ((Graph) f.model().documentProperty().get().net()).inputs())).containsOnlyKeys("Input");
    }
}
