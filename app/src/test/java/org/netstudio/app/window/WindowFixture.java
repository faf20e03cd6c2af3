package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.RecentFiles;
import org.netstudio.app.document.Settings;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.window.documents.FilePicker;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.app.window.documents.OpeningTab;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.CanvasKeys;
import org.netstudio.canvas.CanvasPoints;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.canvas.palette.Palette;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.testfx.api.FxRobot;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window over a temporary data folder, and helpers that drive it with the mouse and
 * keyboard like a person: the palette, the canvas in front, the inspector and the menus.
 */
final class WindowFixture {

    final FxRobot robot;
    final Path data;
    final MainWindow window;
    final Stage stage;
    /** Answers for the file chooser, in order; empty means "cancelled". */
    final Deque<Optional<Path>> files = new ArrayDeque<>();

    private WindowFixture(FxRobot robot, Stage stage, Path data, MainWindow window) {
        this.robot = robot;
        this.stage = stage;
        this.data = data;
        this.window = window;
    }

    /** Opens a window on {@code stage} over {@code data} (recent list, autosave folder and settings). */
    static WindowFixture open(FxRobot robot, Stage stage, Path data) {
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            w[0] = new MainWindow(new Autosave(data.resolve("autosave")), new RecentFiles(data.resolve("recent.txt")),
                    new Settings(data.resolve("settings.properties")));
            w[0].show(stage);
            stage.setX(0);
            stage.setY(0);
        });
        WindowFixture f = new WindowFixture(robot, stage, data, w[0]);
        robot.interact(() -> w[0].workspace().setFilePicker(f.picker()));
        WaitForAsyncUtils.waitForFxEvents();
        return f;
    }

    static Path tempData() {
        try {
            return Files.createTempDirectory("netstudio-window");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static NetDocument emptyGraph(String name, int... inputShape) {
        return new NetDocument(name, Graph.empty().withInput("Input", PortDecl.of(TensorType.real(inputShape)))
                .withOutput("Output", PortDecl.UNSPECIFIED), null);
    }

    private FilePicker picker() {
        return new FilePicker() {
            @Override
            public Optional<Path> openNet(Window owner) {
                return next();
            }

            @Override
            public Optional<Path> saveNet(Window owner, String suggestedName) {
                return next();
            }

            @Override
            public Optional<Path> savePicture(Window owner, String suggestedName) {
                return next();
            }

            private Optional<Path> next() {
                return files.isEmpty() ? Optional.empty() : files.poll();
            }
        };
    }

    /**
     * Opens a pretrained gallery net with its weights. Gallery opens carry their weights once that
     * work lands; until then the net's shipped file (.nsnet, or MiniLM's .onnx) is opened instead.
     */
    void openPretrained(String id, String resource, String fileName) throws IOException {
        robot.interact(() -> workspace().openGallery(id));
        settle();
        if (fx(() -> workspace().activeNet().orElseThrow().weights().isPresent())) {
            return;
        }
        robot.interact(() -> workspace().closeActive());
        Path file = data.resolve(fileName);
        try (InputStream in = Gallery.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        robot.interact(() -> workspace().open(file));
        settle();
        assertThat(fx(() -> workspace().activeNet().orElseThrow().weights().isPresent())).isTrue();
    }

    /**
     * Opens a net in a new tab and trains it in its trainer panel as a person would: Train
     * (Shortcut+R) opens the panel, the data is picked from its list, the epochs typed, Train
     * pressed. Returns the panel's model; the training runs on.
     */
    org.netstudio.trainer.TrainerPanelModel trainInPanel(org.netstudio.netgraph.net.NetDocument doc, String data,
                                                         int epochs) throws java.util.concurrent.TimeoutException {
        org.netstudio.app.document.OpenNet net = fx(() -> org.netstudio.app.document.OpenNet.untitled(doc, doc.name()));
        robot.interact(() -> workspace().open(net));
        settle();
        shortcut(javafx.scene.input.KeyCode.R);
        org.netstudio.trainer.TrainerPanelModel trainer = fx(() -> workspace().trainer());
        robot.clickOn("#data-source");
        robot.clickOn(data);
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> trainer.canTrainBinding().get()));
        robot.interact(() -> ScrollIntoView.of(robot.lookup("#epochs").query()));
        robot.clickOn("#epochs");
        robot.push(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.A,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        robot.write(Integer.toString(epochs));
        robot.clickOn("#train");
        return trainer;
    }

    // ---- reading ---------------------------------------------------------------------------

    <T> T fx(Callable<T> read) {
        List<T> out = new ArrayList<>();
        robot.interact(() -> {
            try {
                out.add(read.call());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return out.get(0);
    }

    Workspace workspace() {
        return window.workspace();
    }

    NetCanvas canvas() {
        return fx(() -> workspace().activeCanvas().orElseThrow(() -> new AssertionError("no net in front")));
    }

    CanvasModel model() {
        return canvas().getModel();
    }

    CommandStack stack() {
        return fx(() -> workspace().activeNet().orElseThrow().stack());
    }

    int undoDepth() {
        return fx(() -> workspace().activeNet().orElseThrow().stack().undoDepth());
    }

    NodeItem node(String id) {
        return fx(() -> model().getLevel().node(id));
    }

    /** The output shape written on a node of the canvas in front. */
    String shapeOn(String id) {
        return fx(() -> robot.lookup(".net-node").queryAllAs(NodeView.class).stream()
                .filter(v -> v.getScene() != null && v.item().id().equals(id) && v.isVisible())
                .filter(v -> isIn(v, canvas()))
                .findFirst().orElseThrow(() -> new AssertionError("no node " + id + " on the canvas"))
                .shapeText());
    }

    private static boolean isIn(javafx.scene.Node n, javafx.scene.Node ancestor) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Opens a gallery net by a click on its card's title on the Start page; gives the net then in front. */
    org.netstudio.app.document.OpenNet openFromCard(String id) {
        int before = fx(() -> workspace().openNets().size());
        javafx.scene.Node title = fx(() -> robot.from((javafx.scene.Node) robot.lookup("#gallery-" + id).query())
                .lookup(".ns-card-title").query());
        robot.clickOn(title);
        waitUntil(() -> workspace().openNets().size() == before + 1);
        settle();
        return fx(() -> workspace().activeNet().orElseThrow());
    }

    /** Brings the Start page to the front. */
    void backToStart() {
        robot.interact(() -> window.canvasTabs().getSelectionModel().select(
                window.canvasTabs().getTabs().stream().filter(StartPage.class::isInstance).findFirst().orElseThrow()));
        settle();
    }

    /** Waits until files being opened are open, background layout is done and the FX thread is idle. */
    void settle() {
        waitUntil(() -> window.canvasTabs().getTabs().stream().noneMatch(OpeningTab.class::isInstance));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> workspace().activeCanvas().map(c -> !c.getModel().layoutPendingProperty().get()).orElse(true)
                && (!(window.canvasTabs().getSelectionModel().getSelectedItem() instanceof NetTab t) || t.framed()));
    }

    static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    Point2D screen(double wx, double wy) {
        return fx(() -> CanvasPoints.screen(workspace().activeCanvas().orElseThrow(), wx, wy));
    }

    Point2D center(String id) {
        return fx(() -> CanvasPoints.center(workspace().activeCanvas().orElseThrow(), id));
    }

    Point2D outputPort(String id, String port) {
        return fx(() -> CanvasPoints.outputPort(workspace().activeCanvas().orElseThrow(), id, port));
    }

    Point2D inputPort(String id, String port) {
        return fx(() -> CanvasPoints.inputPort(workspace().activeCanvas().orElseThrow(), id, port));
    }

    // ---- gestures --------------------------------------------------------------------------

    /** Types into the palette's search and drags the first entry to canvas point (wx, wy). */
    String dragFromPalette(String query, double wx, double wy) {
        ListCell<?> cell = paletteCell(query, r -> !r.header());
        Set<String> before = fx(() -> new HashSet<>(model().getLevel().byId().keySet()));
        robot.drag(cell, MouseButton.PRIMARY).dropTo(screen(wx, wy));
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> added = fx(() -> new HashSet<>(model().getLevel().byId().keySet()));
        added.removeAll(before);
        assertThat(added).as("one node was created by dropping " + query).hasSize(1);
        return added.iterator().next();
    }

    /** The first palette entry a search for {@code query} shows that {@code which} accepts. */
    private ListCell<?> paletteCell(String query, java.util.function.Predicate<Palette.Row> which) {
        Palette palette = workspace().palette();
        robot.doubleClickOn(palette.searchField());
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A).release(KeyCode.SHORTCUT);
        robot.write(query);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".palette-entry").<ListCell<?>>queryAll().stream()
                .filter(c -> c.getItem() instanceof Palette.Row r && which.test(r))
                .min(Comparator.comparingInt(ListCell::getIndex)).orElseThrow();
    }

    /** Drags the palette's entry titled exactly {@code title} (found by searching for it) to canvas point (wx, wy). */
    void dropPaletteEntry(String title, double wx, double wy) {
        robot.drag(paletteCell(title, r -> r.title().equals(title)), MouseButton.PRIMARY).dropTo(screen(wx, wy));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void wire(String from, String fromPort, String to, String toPort) {
        robot.drag(outputPort(from, fromPort), MouseButton.PRIMARY).dropTo(inputPort(to, toPort));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Wires the graph's input through the nodes, in order, to its output, which is first dragged
     * below the last node: a chain drawn by hand.
     */
    void wireChain(String... nodes) {
        String from = "$Input";
        String fromPort = "Input";
        for (String n : nodes) {
            wire(from, fromPort, n, "Input");
            from = n;
            fromPort = "Output";
        }
        NodeItem last = node(from);
        robot.drag(center("$Output"), MouseButton.PRIMARY).dropTo(screen(last.centerX(), last.y() + last.height() + 80));
        wire(from, "Output", "$Output", "Output");
    }

    /** Waits until the saves asked for are written and their nets marked saved. */
    void saved() {
        workspace().savesDone().join();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shortcut+keys with the canvas focused, as a user who clicked on it. */
    void shortcut(KeyCode... keys) {
        CanvasKeys.shortcut(robot, canvas(), keys);
    }

    /** The shortcut held down while its last key is tapped {@code times} times (see {@link CanvasKeys#tapShortcut}). */
    void tapShortcut(int times, KeyCode... keys) {
        CanvasKeys.tapShortcut(robot, canvas(), times, keys);
    }

    /** Clicks a text field, selects what it holds with the keyboard and types over it. */
    void typeInto(String query, String text) {
        robot.interact(() -> {
            Node field = robot.lookup(query).query();
            if (field.getParent() != null && hasScrollPane(field)) {
                ScrollIntoView.of(field);
            }
        });
        robot.clickOn(query);
        robot.push(KeyCode.SHORTCUT, KeyCode.A);
        robot.write(text);
    }

    private static boolean hasScrollPane(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane) {
                return true;
            }
        }
        return false;
    }

    /**
     * A double-click whose two clicks reach the window back to back. TestFX's {@code doubleClickOn}
     * waits for the FX thread after each press and release; on a loaded machine its two presses
     * arrived 540 ms apart, past Monocle's 500 ms double-click time, and counted as two single clicks.
     */
    void doubleClick(Point2D at) {
        robot.moveTo(at);
        BaseRobot mouse = robot.robotContext().getBaseRobot();
        for (int click = 0; click < 2; click++) {
            mouse.pressMouse(MouseButton.PRIMARY);
            mouse.releaseMouse(MouseButton.PRIMARY);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Zoom to Fit from the keyboard (Shift+1), then: every node of the level lies inside the canvas. */
    void zoomToFitShowsEveryNode() {
        robot.interact(() -> canvas().requestFocus());
        robot.push(KeyCode.SHIFT, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = fx(() -> canvas().localToScreen(canvas().getLayoutBounds()));
        for (NodeItem n : fx(() -> model().getLevel().nodes())) {
            Point2D topLeft = screen(n.x(), n.y());
            Point2D bottomRight = screen(n.x() + n.width(), n.y() + n.height());
            assertThat(view.contains(topLeft) && view.contains(bottomRight)).as(n.id() + " is in view").isTrue();
        }
    }

    String text(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

    String field(String query) {
        return fx(() -> robot.lookup(query).queryAs(TextField.class).getText());
    }

    /** Closes the windows the test opened (reports, Try It, dialogs), then the main window, cleanly. */
    void close() {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage other) {
                    other.close();
                }
            }
            workspace().exitCleanly();
        });
    }
}
