package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.canvas.level.NodeGeometry;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.netgraph.edit.SetParameter;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas driven through the mouse and keyboard, headless. */
class NetCanvasGuiTest extends CanvasWindowTest {

    @Test
    void aNetTooWideForTheViewOpensCentredOnItsInputs(FxRobot robot) {
        org.netstudio.netgraph.net.Graph g = org.netstudio.netgraph.net.Graph.empty()
                .withInput("Input", org.netstudio.netgraph.net.PortDecl.of(org.netstudio.netgraph.tensor.TensorType.real(4)))
                .withOutput("Output", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED);
        org.netstudio.netgraph.net.Layout layout = org.netstudio.netgraph.net.Layout.EMPTY.with("$Input", 2600, 40)
                .with("$Output", 2600, 400);
        for (int i = 0; i < 12; i++) {
            g = g.withNode("side" + i, org.netstudio.netgraph.net.Layer.of("Linear", "units", 3));
            layout = layout.with("side" + i, 40 + 250 * i, 200);
        }
        CanvasFixture f = open(robot, new org.netstudio.netgraph.net.NetDocument("wide", g, layout));

        NodeItem in = f.node("$Input");
        double[] left = f.canvas.toLocal(in.x(), in.y());
        double[] right = f.canvas.toLocal(in.x() + in.width(), in.y());
        double width = f.canvas.getWidth();
        assertThat(f.canvas.zoomProperty().get()).isEqualTo(1.0);
        assertThat(left[0]).as("the input's left edge is in view").isGreaterThanOrEqualTo(0);
        assertThat(right[0]).as("the input's right edge is in view").isLessThanOrEqualTo(width);
        assertThat(Math.abs((left[0] + right[0]) / 2 - width / 2)).as("centred").isLessThan(2);
    }

    @Test
    void buildLeNetFromThePaletteWireItUndoEverythingAndRedo(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasFixture.emptyGraph(1, 28, 28));
        NodeItem in = f.node("$Input");
        robot.interact(() -> {
            f.canvas.panXProperty().set(40 - in.x());
            f.canvas.panYProperty().set(16 - in.y());
        });
        double x = in.x() - 24;
        double y = in.y() + 120;
        String conv = f.dragFromPalette("Convolution", x + 100, y);
        String ramp = f.dragFromPalette("Ramp", x + 100, y + 100);
        String pool = f.dragFromPalette("Pooling", x + 100, y + 200);
        String flat = f.dragFromPalette("Flatten", x + 400, y);
        String lin = f.dragFromPalette("Linear", x + 400, y + 100);
        String soft = f.dragFromPalette("Softmax", x + 400, y + 200);
        assertThat(List.of(conv, ramp, pool, flat, lin, soft))
                .containsExactly("conv1", "ramp1", "pool1", "flatten1", "linear1", "softmax1");
        // what the inspector would do
        robot.interact(() -> {
            f.model.execute(new SetParameter(NodePath.of(conv), "channels", 20));
            f.model.execute(new SetParameter(NodePath.of(conv), "kernel", 5));
            f.model.execute(new SetParameter(NodePath.of(lin), "units", 10));
        });
        f.wire("$Input", "Input", conv, "Input");
        f.wire(conv, "Output", ramp, "Input");
        f.wire(ramp, "Output", pool, "Input");
        f.wire(pool, "Output", flat, "Input");
        f.wire(flat, "Output", lin, "Input");
        f.wire(lin, "Output", soft, "Input");
        // the output node sits beside the input; move it below the softmax first (one gesture)
        NodeItem out = f.node("$Output");
        NodeItem sm = f.node(soft);
        robot.drag(f.center("$Output"), MouseButton.PRIMARY)
                .dropTo(f.screen(sm.centerX(), sm.y() + sm.height() + 80));
        f.wire(soft, "Output", "$Output", "Output");

        assertThat(f.model.getLevel().wires()).as(f.undoLabels().toString()).hasSize(7);
        assertThat(f.view(conv).shapeText()).isEqualTo("20×24×24");
        assertThat(f.view(ramp).shapeText()).isEqualTo("20×24×24");
        assertThat(f.view(pool).shapeText()).isEqualTo("20×12×12");
        assertThat(f.view(flat).shapeText()).isEqualTo("2880");
        assertThat(f.view(lin).shapeText()).isEqualTo("10");
        assertThat(f.view(soft).shapeText()).isEqualTo("10");
        assertThat(f.node("$Output").detail()).isEqualTo("10");
        assertThat(f.node(conv).params()).isEqualTo("520 params");
        assertThat(f.model.inferenceProperty().get().valid()).isTrue();
        assertThat(f.problems.listView().getItems()).isEmpty();
        assertThat(f.node("$Output").y()).isGreaterThan(out.y());
        int steps = f.undoDepth();
        assertThat(steps).isEqualTo(6 + 3 + 7 + 1);

        f.tapShortcut(steps, KeyCode.Z);
        assertThat(f.model.getLevel().graph().nodes()).isEmpty();
        assertThat(f.model.getLevel().wires()).isEmpty();
        assertThat(robot.lookup(".net-node").queryAll()).hasSize(2);
        f.tapShortcut(steps, KeyCode.SHIFT, KeyCode.Z);
        assertThat(f.view(pool).shapeText()).isEqualTo("20×12×12");
        assertThat(f.view(soft).shapeText()).isEqualTo("10");
        assertThat(f.model.inferenceProperty().get().valid()).isTrue();
    }

    @Test
    void anIncompatibleWireLightsUpDimsExplainsAndIsRefused(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasFixture.emptyGraph(3));
        NodeItem in = f.node("$Input");
        String lin = f.dragFromPalette("dense", in.centerX(), in.y() + 160);
        String lstm = f.dragFromPalette("LSTM", in.centerX(), in.y() + 300);
        String tanh = f.dragFromPalette("Tanh", in.centerX() + 260, in.y() + 300);
        f.wire("$Input", "Input", lin, "Input");
        int before = f.undoDepth();

        robot.moveTo(f.outputPort(lin, "Output")).press(MouseButton.PRIMARY);
        robot.moveTo(f.inputPort(lstm, "Input"));
        String hint = f.hint();
        boolean lstmDim = f.view(lstm).inputDots().get(0).getPseudoClassStates().contains(
                javafx.css.PseudoClass.getPseudoClass("incompatible"));
        boolean tanhLit = f.view(tanh).inputDots().get(0).getPseudoClassStates().contains(
                javafx.css.PseudoClass.getPseudoClass("compatible"));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lstmDim).isTrue();
        assertThat(tanhLit).isTrue();
        assertThat(hint).contains("must be a sequence of vectors").contains("a vector is not compatible with a matrix");
        assertThat(f.toast()).isEqualTo(hint);
        assertThat(f.undoDepth()).isEqualTo(before);
        assertThat(f.model.getLevel().wires()).hasSize(1);
    }

    @Test
    void boxSelectAndDelete(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        NodeItem a = f.node("convolution1");
        NodeItem c = f.node("pooling1");
        robot.drag(f.screen(a.x() - 60, a.y() - 8), MouseButton.PRIMARY)
                .dropTo(f.screen(c.x() + c.width() + 40, c.y() + c.height() + 4));
        assertThat(f.model.getSelection()).containsExactlyInAnyOrder("convolution1", "tanh1", "pooling1");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.model.getLevel().graph().nodes()).doesNotContainKeys("convolution1", "tanh1", "pooling1");
        assertThat(f.undoDepth()).isEqualTo(1);
        assertThat(f.view("convolution2").getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("problem"));
        assertThat(f.problems.listView().getItems()).isNotEmpty();
    }

    @Test
    void clickAWireAndDeleteIt(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        NodeItem a = f.node("convolution1");
        NodeItem b = f.node("tanh1");
        robot.clickOn(f.screen(a.centerX(), (a.y() + a.height() + b.y()) / 2));
        assertThat(f.model.selectedWireProperty().get()).isNotNull();
        assertThat(f.model.selectedWireProperty().get().toId()).isEqualTo("tanh1");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.model.getLevel().wires()).noneMatch(w -> w.toId().equals("tanh1"));
        assertThat(f.node("tanh1").problems()).isNotEmpty();
        assertThat(f.undoDepth()).isEqualTo(1);
    }

    @Test
    void moveSnapsToTheGridAndIsOneUndoEntry(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        NodeItem t = f.node("tanh1");
        robot.moveTo(f.center("tanh1")).press(MouseButton.PRIMARY);
        robot.moveTo(f.screen(t.centerX() + 150, t.centerY() + 10));
        robot.press(KeyCode.SHIFT).moveTo(f.screen(t.centerX() + 301, t.centerY() + 21));
        robot.release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();

        NodeItem moved = f.node("tanh1");
        assertThat(f.undoDepth()).isEqualTo(1);
        assertThat(moved.x() % NodeGeometry.GRID).isZero();
        assertThat(moved.y() % NodeGeometry.GRID).isZero();
        assertThat(moved.x()).isGreaterThan(t.x() + 250);
        f.shortcut(KeyCode.Z);
        assertThat(f.node("tanh1").x()).isEqualTo(t.x());
    }

    @Test
    void groupOpenWithDoubleClickBackWithTheBreadcrumbAndUngroup(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.clickOn(f.center("convolution1"));
        robot.press(KeyCode.SHIFT).clickOn(f.center("tanh1")).clickOn(f.center("pooling1")).release(KeyCode.SHIFT);
        f.shortcut(KeyCode.G);
        assertThat(f.model.getLevel().node("group1").kind()).isEqualTo(NodeItem.Kind.CONTAINER);
        assertThat(f.view("group1").shapeText()).isEqualTo("20×12×12");

        robot.doubleClickOn(f.center("group1"));
        WaitForAsyncUtils.waitForFxEvents();
        f.settle();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.of("group1"));
        assertThat(f.view("convolution1").shapeText()).isEqualTo("20×24×24");
        assertThat(robot.lookup(".breadcrumb-current").queryLabeled().getText()).isEqualTo("group1");

        robot.clickOn(".breadcrumb-link");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.ROOT);
        robot.clickOn(f.center("group1"));
        f.shortcut(KeyCode.SHIFT, KeyCode.G);
        assertThat(f.model.getLevel().graph().nodes()).containsKeys("convolution1", "tanh1", "pooling1")
                .doesNotContainKey("group1");
        assertThat(f.model.inferenceProperty().get().valid()).isTrue();
        assertThat(f.undoLabels()).containsExactly("Group 3 nodes", "Ungroup 'group1'");
    }

    @Test
    void zoomToFitShowsEverythingAndCtrlWheelZoomsAtThePointer(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.interact(f.canvas::requestFocus);
        robot.push(KeyCode.SHIFT, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();

        Bounds view = f.canvas.localToScreen(f.canvas.getLayoutBounds());
        for (NodeItem n : f.model.getLevel().nodes()) {
            Point2D tl = f.screen(n.x(), n.y());
            Point2D br = f.screen(n.x() + n.width(), n.y() + n.height());
            assertThat(view.contains(tl) && view.contains(br)).as(n.id() + " is in view").isTrue();
        }
        double z = f.canvas.zoomProperty().get();
        assertThat(z).isLessThan(1);
        Point2D p = f.center("flatten1");
        robot.moveTo(p).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.canvas.zoomProperty().get()).isNotEqualTo(z);
        assertThat(f.center("flatten1").distance(p)).isLessThan(3);
    }

    @Test
    void panWithTheWheelSpaceDragAndMiddleDrag(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        NodeItem a = f.node("tanh1");
        Point2D empty = f.screen(a.x() - 150, a.centerY());
        double y0 = f.canvas.panYProperty().get();
        robot.moveTo(empty).scroll(2, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        double y1 = f.canvas.panYProperty().get();
        assertThat(y1).isNotEqualTo(y0);

        double x1 = f.canvas.panXProperty().get();
        robot.interact(f.canvas::requestFocus);
        robot.press(KeyCode.SPACE);
        robot.drag(empty, MouseButton.PRIMARY).dropBy(60, 0);
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.canvas.panXProperty().get()).isCloseTo(x1 + 60, org.assertj.core.data.Offset.offset(1.0));
        assertThat(f.model.getSelection()).isEmpty();

        robot.drag(empty, MouseButton.MIDDLE).dropBy(0, 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.canvas.panYProperty().get()).isCloseTo(y1 + 40, org.assertj.core.data.Offset.offset(1.0));
        assertThat(f.undoDepth()).isZero();
    }

    @Test
    void paletteSearchFindsLayersByAlias(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasFixture.emptyGraph(3));
        assertThat(f.searchPalette("dense")).startsWith("Linear");
        assertThat(robot.lookup(".palette-title").queryAllAs(javafx.scene.control.Label.class))
                .anyMatch(l -> l.getText().equals("Linear") && l.isVisible());
    }

    @Test
    void droppingALayerOnAWireInsertsIt(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.interact(f.canvas::zoomToFit);
        NodeItem a = f.node("flatten1");
        NodeItem b = f.node("linear1");
        double mx = (a.centerX() + b.centerX()) / 2;
        double my = (a.y() + a.height() + b.y()) / 2;
        String drop = f.dragFromPalette("Dropout", mx, my);

        assertThat(f.model.getLevel().wires()).anyMatch(w -> w.fromId().equals("flatten1") && w.toId().equals(drop))
                .anyMatch(w -> w.fromId().equals(drop) && w.toId().equals("linear1"));
        assertThat(f.view(drop).shapeText()).isEqualTo("800");
        assertThat(f.undoDepth()).isEqualTo(1);
    }

    @Test
    void copyPasteAndDuplicateWithShortcutsMakeUniqueNames(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.clickOn(f.center("convolution1"));
        robot.press(KeyCode.SHIFT).clickOn(f.center("tanh1")).release(KeyCode.SHIFT);
        f.shortcut(KeyCode.C);
        f.shortcut(KeyCode.V);
        assertThat(f.model.getSelection()).containsExactlyInAnyOrder("convolution3", "tanh4");
        assertThat(f.model.getLevel().wires()).anyMatch(w -> w.fromId().equals("convolution3") && w.toId().equals("tanh4"));
        f.shortcut(KeyCode.D);
        assertThat(f.model.getSelection()).containsExactlyInAnyOrder("convolution4", "tanh5");
        f.shortcut(KeyCode.A);
        assertThat(f.model.getSelection()).hasSize(f.model.getLevel().nodes().size());
    }

    @Test
    void shortcutsAreInactiveWhileTyping(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.clickOn(f.center("tanh1"));
        robot.clickOn(f.palette.searchField());
        robot.push(KeyCode.DELETE);
        robot.push(KeyCode.SHORTCUT, KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.canvas.getActions().delete.enabled().get()).isFalse();
        assertThat(f.model.getLevel().node("tanh1")).isNotNull();
        assertThat(f.undoDepth()).isZero();
    }

    @Test
    void clickingAProblemSelectsAndRevealsItsNode(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        robot.interact(() -> {
            f.model.getSelection().add("linear1");
            f.model.deleteSelection();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Diagnostic d = f.problems.listView().getItems().get(0);
        @SuppressWarnings("unchecked")
        ListCell<Diagnostic> cell = robot.lookup(".problem-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() == d).findFirst().orElseThrow();
        robot.interact(() -> f.canvas.panXProperty().set(-3000));
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.model.getSelection()).containsExactly(d.node().leaf());
        Bounds view = f.canvas.localToScreen(f.canvas.getLayoutBounds());
        assertThat(view.contains(f.center(d.node().leaf()))).isTrue();
        assertThat(f.view(d.node().leaf()).getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("problem"));
        robot.moveTo(f.center(d.node().leaf()));
        assertThat(f.hint()).contains(d.message());
    }

    @Test
    void doubleClickOnEmptyCanvasOpensTheSearchAtThePointer(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasFixture.emptyGraph(3));
        NodeItem in = f.node("$Input");
        robot.doubleClickOn(f.screen(in.centerX(), in.y() + 200));
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("relu").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.model.getLevel().graph().nodes()).containsKey("ramp1");
        assertThat(f.node("ramp1").centerY()).isCloseTo(in.y() + 200, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void exportsPngAndSvg(FxRobot robot, @TempDir Path dir) throws Exception {
        CanvasFixture f = open(robot, CanvasDemo.lenet());
        Path png = dir.resolve("lenet.png");
        Path svg = dir.resolve("lenet.svg");
        Exception[] failure = new Exception[1];
        robot.interact(() -> {
            try {
                f.canvas.exportPng(png, 1);
                f.canvas.exportSvg(svg);
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        assertThat(failure[0]).isNull();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        double[] b = f.model.getLevel().bounds();
        assertThat(img.getWidth()).isEqualTo((int) Math.round(b[2] - b[0] + 64));
        assertThat(img.getHeight()).isEqualTo((int) Math.round(b[3] - b[1] + 64));
        String text = Files.readString(svg);
        assertThat(text).startsWith("<?xml").contains("<svg").contains(">Convolution<").contains("20×24×24")
                .contains("400,500 params");
        assertThat(Map.of("paths", text.split("<path d=\"M").length - 1)).containsEntry("paths", 12);
    }
}
