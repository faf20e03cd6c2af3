package org.netstudio.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.netstudio.assets.Theme;
import org.netstudio.inspector.ports.PortDeclEditor;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector on a Stage, driven with the mouse and keyboard (headless through Monocle). */
@ExtendWith(ApplicationExtension.class)
class InspectorPanelGuiTest {

    private Stage stage;
    private CommandStack stack;
    private InspectorModel model;

    @Start
    void start(Stage s) {
        stage = s;
    }

    private void open(FxRobot robot, NetDocument doc, NodePath... selected) {
        robot.interact(() -> {
            stack = new CommandStack(doc);
            model = new InspectorModel(stack);
            model.select(selected);
            InspectorPanel panel = new InspectorPanel(model);
            Scene scene = new Scene(panel, 400, 760);
            Theme.LIGHT.applyTo(scene.getStylesheets());
            stage.setScene(scene);
            stage.setX(0);
            stage.setY(0);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(FxRobot robot, Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(30_000, read);
    }

    private static String text(FxRobot robot, String query) {
        return onFx(robot, () -> robot.lookup(query).queryLabeled().getText());
    }

    private static boolean visible(FxRobot robot, String query) {
        return onFx(robot, () -> {
            Node n = robot.lookup(query).query();
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Clicks a text field, selects what it holds with the keyboard and types over it. */
    private static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(text);
    }

    private static int unitsOf(CommandStack s, String node) {
        return ((Layer) NetPaths.find(s.document().net(), NodePath.of(node)).orElseThrow()).params().getInt("units");
    }

    private int undoDepth(FxRobot robot) {
        return onFx(robot, stack::undoDepth);
    }

    @Test
    void typingUnitsAndEnterChangesTheOutputShapeAnInvalidValueIsRefusedAndUndoRestores(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear1"));
        assertThat(text(robot, "#out-Output")).isEqualTo("500");

        typeInto(robot, "#param-units", "128");
        assertThat(text(robot, "#out-Output")).as("nothing applies before Enter").isEqualTo("500");
        robot.type(KeyCode.ENTER);

        assertThat(text(robot, "#out-Output")).isEqualTo("128");
        assertThat(onFx(robot, () -> unitsOf(stack, "linear1"))).isEqualTo(128);
        assertThat(undoDepth(robot)).isEqualTo(1);
        assertThat(text(robot, "#figures"))
                .isEqualTo("102,528 parameters (102,528 trainable + 0 non-trainable) · 102,400 multiply-adds");

        typeInto(robot, "#param-units", "-3");
        robot.type(KeyCode.ENTER);

        assertThat(visible(robot, "#error-units")).isTrue();
        assertThat(text(robot, "#error-units")).isEqualTo("units must be a positive whole number, but got -3");
        assertThat(onFx(robot, () -> robot.lookup("#param-units").queryAs(TextField.class).getPseudoClassStates()))
                .anyMatch(p -> p.getPseudoClassName().equals("invalid"));
        assertThat(onFx(robot, () -> unitsOf(stack, "linear1"))).isEqualTo(128);
        assertThat(undoDepth(robot)).isEqualTo(1);
        assertThat(text(robot, "#out-Output")).isEqualTo("128");

        robot.interact(stack::undo); // the app's Edit › Undo

        assertThat(onFx(robot, () -> robot.lookup("#param-units").queryAs(TextField.class).getText())).isEqualTo("500");
        assertThat(visible(robot, "#error-units")).isFalse();
        assertThat(text(robot, "#out-Output")).isEqualTo("500");
    }

    @Test
    void selectingAnotherLayerWhileTypingCommitsToTheFirst(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear1"));
        typeInto(robot, "#param-units", "128");
        robot.interact(() -> model.select(NodePath.of("linear2"))); // a click on the canvas
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(robot, () -> unitsOf(stack, "linear1"))).isEqualTo(128);
        assertThat(onFx(robot, () -> robot.lookup("#param-units").queryAs(TextField.class).getText())).isEqualTo("10");
        assertThat(text(robot, "#in-Input")).as("linear2 now reads linear1's 128 outputs").isEqualTo("128");
        assertThat(undoDepth(robot)).isEqualTo(1);
    }

    @Test
    void escapeRevertsAndArrowKeysStep(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear2"));
        typeInto(robot, "#param-units", "77");
        robot.type(KeyCode.ESCAPE);
        assertThat(onFx(robot, () -> robot.lookup("#param-units").queryAs(TextField.class).getText())).isEqualTo("10");
        assertThat(onFx(robot, stack::canUndo)).isFalse();

        robot.clickOn("#param-units");
        robot.type(KeyCode.UP, 3);
        assertThat(text(robot, "#out-Output")).isEqualTo("13");
        assertThat(undoDepth(robot)).as("a run of steps is one undo entry").isEqualTo(1);
    }

    @Test
    void theBiasCheckBoxAndTheResetButton(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear1"));
        assertThat(onFx(robot, () -> robot.lookup(".array-block").queryAll().size())).isEqualTo(2);
        robot.clickOn("#param-bias");
        assertThat(onFx(robot, () -> robot.lookup("#param-bias").queryAs(CheckBox.class).isSelected())).isFalse();
        assertThat(onFx(robot, () -> robot.lookup(".array-block").queryAll().size())).isEqualTo(1);
        assertThat(visible(robot, "#reset-bias")).isTrue();

        robot.clickOn("#reset-bias");
        assertThat(onFx(robot, () -> robot.lookup("#param-bias").queryAs(CheckBox.class).isSelected())).isTrue();
        assertThat(visible(robot, "#reset-bias")).isFalse();
        assertThat(undoDepth(robot)).isEqualTo(2);
    }

    @Test
    void nothingSelectedShowsLeNetsSummary(FxRobot robot) {
        open(robot, TestNets.lenet());
        assertThat(text(robot, "#totalParameters")).isEqualTo("431,080");
        assertThat(text(robot, "#trainableParameters")).isEqualTo("431,080");
        assertThat(text(robot, "#nonTrainableParameters")).isEqualTo("0");
        assertThat(onFx(robot, () -> robot.lookup("#summaryTable").queryAs(TableView.class).getItems().size())).isEqualTo(11);
        assertThat(visible(robot, "#parametersSection")).isFalse();
        assertThat(text(robot, "#decl-out-Output-shape")).isEqualTo("10");
    }

    @Test
    void theSummarySortsByParametersAndADoubleClickSelectsTheLayer(FxRobot robot) {
        open(robot, TestNets.lenet());
        robot.clickOn("Params");
        robot.clickOn("Params");
        @SuppressWarnings("unchecked")
        TableView<org.netstudio.inspector.summary.SummaryRow> table =
                onFx(robot, () -> robot.lookup("#summaryTable").queryAs(TableView.class));
        assertThat(onFx(robot, () -> table.getItems().get(0).name())).as("descending").isEqualTo("linear1");
        assertThat(onFx(robot, () -> model.lists().summaryRows().get(0).name())).as("the model keeps its order")
                .isEqualTo("convolution1");
        // The cell that shows linear1's row now: after sorting, the table reuses cells, and a cell that
        // showed it before may still carry its text off screen.
        Node linear = onFx(robot, () -> robot.lookup("#summaryTable .table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.isVisible()
                        && r.getItem() instanceof org.netstudio.inspector.summary.SummaryRow row
                        && row.name().equals("linear1"))
                .findFirst().orElseThrow());
        robot.doubleClickOn(linear);
        assertThat(onFx(robot, () -> model.modeProperty().get())).isEqualTo(InspectorMode.LAYER);
        assertThat(onFx(robot, () -> List.copyOf(model.getSelectedPaths()))).containsExactly(NodePath.of("linear1"));
        assertThat(text(robot, "#out-Output")).isEqualTo("500");
    }

    @Test
    void editingTheDecodersLabelsIsOneSetPortDecl(FxRobot robot) {
        open(robot, TestNets.lenet());
        typeInto(robot, "#decl-out-Output-labels", "a, b, c, d, e, f, g, h, i, j");
        robot.type(KeyCode.ENTER);
        Chain net = onFx(robot, () -> (Chain) stack.document().net());
        assertThat(Coders.labels(net.output().coder())).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(onFx(robot, () -> stack.undoDescription().orElseThrow())).isEqualTo("Set output 'Output'");

        typeInto(robot, "#decl-out-Output-labels", "solo");
        robot.type(KeyCode.ENTER);
        assertThat(visible(robot, "#decl-out-Output-error")).isTrue();
        assertThat(text(robot, "#decl-out-Output-error")).startsWith("Class needs at least two labels");
        assertThat(undoDepth(robot)).isEqualTo(1);

        robot.interact(stack::undo);
        assertThat(onFx(robot, () -> robot.lookup("#decl-out-Output-labels").queryAs(TextField.class).getText()))
                .isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9");
    }

    @Test
    void declaringTheInputAnImageFillsItsSizeFromTheShape(FxRobot robot) {
        open(robot, TestNets.lenet());
        @SuppressWarnings("unchecked")
        ComboBox<PortDeclEditor.Kind> kind = onFx(robot, () -> robot.lookup("#decl-in-Input-kind").queryAs(ComboBox.class));
        robot.clickOn(kind);
        robot.clickOn("Image");
        assertThat(onFx(robot, () -> robot.lookup("#decl-in-Input-size").queryAs(TextField.class).getText())).isEqualTo("28×28");
        Chain net = onFx(robot, () -> (Chain) stack.document().net());
        assertThat(net.input().coder().type()).isEqualTo("Image");
        assertThat(net.input().coder().options().get("colorSpace")).isEqualTo("Grayscale");
        assertThat(text(robot, "#totalParameters")).isEqualTo("431,080");
    }

    @Test
    void severalLayersShowDifferingValuesAsADashAndOneEditSetsAll(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear1"), NodePath.of("linear2"));
        assertThat(onFx(robot, () -> robot.lookup("#param-units").queryAs(TextField.class).getPromptText())).isEqualTo("—");
        typeInto(robot, "#param-units", "64");
        robot.type(KeyCode.ENTER);
        assertThat(onFx(robot, () -> List.of(unitsOf(stack, "linear1"), unitsOf(stack, "linear2")))).containsExactly(64, 64);
        assertThat(undoDepth(robot)).isEqualTo(1);
        assertThat(text(robot, "#totalParameters")).isEqualTo("55,424"); // (800·64 + 64) + (64·64 + 64)
    }

    @Test
    void renamingInTheHeader(FxRobot robot) {
        open(robot, TestNets.lenet(), NodePath.of("linear2"));
        typeInto(robot, "#nodeName", "logits");
        robot.type(KeyCode.ENTER);
        assertThat(onFx(robot, () -> List.copyOf(model.getSelectedPaths()))).containsExactly(NodePath.of("logits"));
        assertThat(onFx(robot, () -> robot.lookup("#nodeName").queryAs(TextField.class).getText())).isEqualTo("logits");

        typeInto(robot, "#nodeName", "linear1");
        robot.type(KeyCode.ENTER);
        assertThat(text(robot, "#nodeNameError")).contains("already has a layer named 'linear1'");
        robot.type(KeyCode.ESCAPE);
        assertThat(visible(robot, "#nodeNameError")).isFalse();
    }

    @Test
    void aLayersProblemIsShownInFullUnderItsPorts(FxRobot robot) {
        Chain tooBig = Chain.of(org.netstudio.netgraph.io.PortDecls.shape(1, 28, 28),
                Layer.of("Convolution", "channels", 4, "kernel", 31));
        open(robot, new NetDocument("t", tooBig, null), NodePath.of("convolution1"));
        String sentence = onFx(robot, () -> robot.lookup("#portsSection .diagnostic-text").queryAs(Label.class).getText());
        assertThat(sentence).startsWith("'convolution1' (Convolution, layer 1)").contains("larger than the 28×28 input");

        typeInto(robot, "#param-kernel", "5");
        robot.type(KeyCode.ENTER);
        assertThat(onFx(robot, () -> robot.lookup("#portsSection .diagnostic-text").queryAll().size())).isZero();
        assertThat(text(robot, "#out-Output")).isEqualTo("4×24×24");
    }
}
