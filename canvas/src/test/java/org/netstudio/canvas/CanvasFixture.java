package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.netstudio.assets.Theme;
import org.netstudio.canvas.diagnostics.ProblemsList;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.canvas.palette.Palette;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A test window holding Palette + Breadcrumb + NetCanvas + ProblemsList, and helpers that drive it
 * through the mouse and keyboard like a person would.
 */
final class CanvasFixture {

    final CanvasModel model;
    final NetCanvas canvas;
    final Palette palette;
    final ProblemsList problems;
    final Breadcrumb breadcrumb;
    final FxRobot robot;

    CanvasFixture(FxRobot robot, Stage stage, NetDocument doc) {
        this.robot = robot;
        model = new CanvasModel(new CommandStack(doc), LayoutRunner.background());
        canvas = new NetCanvas(model);
        palette = new Palette();
        palette.setPrefWidth(220);
        problems = new ProblemsList(model);
        problems.setPrefHeight(110);
        breadcrumb = new Breadcrumb(model);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(palette);
        root.setBottom(problems);
        root.setTop(breadcrumb);
        Scene scene = new Scene(root, 1200, 780);
        Theme.LIGHT.applyTo(scene.getStylesheets());
        scene.getStylesheets().add(NetCanvas.STYLESHEET);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    static NetDocument emptyGraph(int... inputShape) {
        return new NetDocument("test", Graph.empty().withInput("Input", PortDecl.of(TensorType.real(inputShape)))
                .withOutput("Output", PortDecl.UNSPECIFIED), null);
    }

    CommandStack stack() {
        return model.stack();
    }

    /** The undo history, oldest first, read on the FX thread. */
    java.util.List<String> undoLabels() {
        java.util.List<java.util.List<String>> out = new java.util.ArrayList<>();
        robot.interact(() -> out.add(StackHistory.labels(stack())));
        return out.get(0);
    }

    int undoDepth() {
        return undoLabels().size();
    }

    /** Waits until background layout is done and the FX thread is idle. */
    void settle() {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.layoutPendingProperty().get());
        } catch (TimeoutException e) {
            throw new AssertionError("auto-layout did not finish", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Screen point of a canvas point. */
    Point2D screen(double wx, double wy) {
        return CanvasPoints.screen(canvas, wx, wy);
    }

    NodeItem node(String id) {
        return model.getLevel().node(id);
    }

    NodeView view(String id) {
        return robot.lookup(".net-node").queryAllAs(NodeView.class).stream()
                .filter(v -> v.item().id().equals(id)).findFirst().orElseThrow();
    }

    Point2D center(String id) {
        return CanvasPoints.center(canvas, node(id));
    }

    Point2D outputPort(String id, String port) {
        return CanvasPoints.outputPort(canvas, node(id), port);
    }

    Point2D inputPort(String id, String port) {
        return CanvasPoints.inputPort(canvas, node(id), port);
    }

    /** Types into the palette search, as a person would, and returns the layer types it then shows. */
    java.util.List<String> searchPalette(String query) {
        robot.clickOn(palette.searchField()).write(query);
        WaitForAsyncUtils.waitForFxEvents();
        return palette.visibleTypes();
    }

    /** Types into the palette search and drags the first entry to the canvas point (wx, wy). */
    String dragFromPalette(String query, double wx, double wy) {
        robot.doubleClickOn(palette.searchField());
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A).release(KeyCode.SHORTCUT);
        robot.write(query);
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> cell = robot.lookup(".palette-entry").<ListCell<?>>queryAll().stream()
                .filter(c -> c.getItem() instanceof Palette.Row r && !r.header())
                .min(java.util.Comparator.comparingInt(ListCell::getIndex)).orElseThrow();
        java.util.Set<String> before = new java.util.HashSet<>(model.getLevel().byId().keySet());
        robot.drag(cell, MouseButton.PRIMARY).dropTo(screen(wx, wy));
        WaitForAsyncUtils.waitForFxEvents();
        java.util.Set<String> added = new java.util.HashSet<>(model.getLevel().byId().keySet());
        added.removeAll(before);
        assertThat(added).as("one node was created by dropping " + query).hasSize(1);
        return added.iterator().next();
    }

    /** Drags a wire from an output port to an input port. */
    void wire(String from, String fromPort, String to, String toPort) {
        robot.drag(outputPort(from, fromPort), MouseButton.PRIMARY).dropTo(inputPort(to, toPort));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void shortcut(KeyCode... keys) {
        robot.interact(canvas::requestFocus);
        KeyCode[] all = new KeyCode[keys.length + 1];
        all[0] = KeyCode.SHORTCUT;
        System.arraycopy(keys, 0, all, 1, keys.length);
        robot.push(all);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The shortcut held down while its last key is tapped {@code times} times, as a person undoes
     * many steps (each tap is one key press and release, not the whole chord again).
     */
    void tapShortcut(int times, KeyCode... keys) {
        robot.interact(canvas::requestFocus);
        KeyCode[] held = new KeyCode[keys.length];
        held[0] = KeyCode.SHORTCUT;
        System.arraycopy(keys, 0, held, 1, keys.length - 1);
        robot.press(held);
        for (int i = 0; i < times; i++) {
            robot.type(keys[keys.length - 1]);
        }
        robot.release(held);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of the hint label, or null when hidden. */
    String hint() {
        return robot.lookup(".canvas-hint").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.Label::getText).findFirst().orElse(null);
    }

    String toast() {
        return robot.lookup(".canvas-toast").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.Label::getText).findFirst().orElse(null);
    }
}
