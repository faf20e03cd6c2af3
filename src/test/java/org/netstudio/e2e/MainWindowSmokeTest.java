package org.netstudio.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.netstudio.app.window.MainWindow;
import org.netstudio.assets.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real main window headless (Monocle) and checks its arrangement, menus and trainer panel. */
@ExtendWith(ApplicationExtension.class)
class MainWindowSmokeTest {

    private static final List<String> REGIONS =
            List.of("#toolBar", "#palette", "#breadcrumb", "#canvasTabs", "#inspector", "#trainerPanel", "#statusBar");

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("netstudio.data.dir", java.nio.file.Files.createTempDirectory("netstudio-smoke").toString());
        this.stage = stage;
        window = new MainWindow();
        window.show(stage);
    }

    @Test
    void opensTitledAtItsDefaultSize() {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo("NetStudio");
        assertThat(stage.getWidth()).isEqualTo(MainWindow.DEFAULT_WIDTH);
        assertThat(stage.getHeight()).isEqualTo(MainWindow.DEFAULT_HEIGHT);
    }

    @Test
    void showsEveryRegionInItsPlace(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Bounds> at = new LinkedHashMap<>();
        for (String id : REGIONS) {
            Node region = robot.lookup(id).query();
            assertThat(isShown(region)).as("%s is visible", id).isTrue();
            Bounds bounds = region.localToScene(region.getLayoutBounds());
            assertThat(bounds.getWidth()).as("%s width", id).isGreaterThan(100);
            assertThat(bounds.getHeight()).as("%s height", id).isGreaterThan(10);
            at.put(id, bounds);
        }
        Bounds palette = at.get("#palette");
        Bounds canvas = at.get("#canvasTabs");
        Bounds breadcrumb = at.get("#breadcrumb");
        Bounds inspector = at.get("#inspector");
        Bounds trainer = at.get("#trainerPanel");
        Bounds status = at.get("#statusBar");
        double sceneHeight = window.scene().getHeight();

        assertThat(canvas.getHeight()).as("canvas gets most of the height").isGreaterThan(sceneHeight / 2);
        assertThat(palette.getMaxX()).as("palette left of the canvas").isLessThanOrEqualTo(canvas.getMinX());
        assertThat(inspector.getMinX()).as("inspector right of the canvas").isGreaterThanOrEqualTo(canvas.getMaxX());
        assertThat(breadcrumb.getMaxY()).as("breadcrumb above the canvas").isLessThanOrEqualTo(canvas.getMinY());
        assertThat(breadcrumb.getMinX()).as("breadcrumb spans the canvas").isEqualTo(canvas.getMinX());
        assertThat(breadcrumb.getMaxX()).isEqualTo(canvas.getMaxX());
        for (Bounds above : List.of(palette, canvas, inspector)) {
            assertThat(trainer.getMinY()).as("trainer below the panels").isGreaterThanOrEqualTo(above.getMaxY());
        }
        assertThat(status.getMinY()).as("status bar below the trainer").isGreaterThanOrEqualTo(trainer.getMaxY());
        assertThat(status.getMaxY()).as("status bar at the bottom").isEqualTo(sceneHeight);
        assertThat(at.get("#toolBar").getMaxY()).as("toolbar on top").isLessThanOrEqualTo(palette.getMinY());
        assertThat(robot.lookup("#canvasTabs").queryAs(TabPane.class).getTabs()).isNotEmpty();
    }

    @Test
    void menusOfferTheDesignedCommands() {
        Map<String, List<String>> menus = window.menu().bar().getMenus().stream().collect(Collectors.toMap(
                Menu::getText, MainWindowSmokeTest::itemTexts, (a, b) -> a, LinkedHashMap::new));

        assertThat(menus).containsExactly(
                Map.entry("File", List.of("New", "Open…", "Open Recent", "Import Weights…", "Save", "Save As…",
                        "Export Picture…", "Export ONNX…", "Export PyTorch Project…", "Quit")),
                Map.entry("Edit", List.of("Undo", "Redo", "Cut", "Copy", "Paste", "Duplicate", "Delete", "Select All",
                        "Group into Sub-graph", "Ungroup")),
                Map.entry("View", List.of("Zoom In", "Zoom Out", "Zoom to Fit", "Zoom 100%", "Auto-layout",
                        "Show Previews", "Show Trainer Panel", "Maximise Trainer Panel", "Runs…", "Theme")),
                Map.entry("Net", List.of("Check", "Train", "Try It…", "Import Report…", "New Sentence Classifier…")),
                Map.entry("Help", List.of("User Guide", "Layer Reference", "Command Line Reference", "Keyboard Shortcuts",
                        "About NetStudio")));

        Map<String, String> accelerators = Map.of(
                "New", "Shortcut+N", "Open…", "Shortcut+O", "Save", "Shortcut+S", "Save As…", "Shortcut+Shift+S",
                "Quit", "Shortcut+Q", "Undo", "Shortcut+Z", "Cut", "Shortcut+X", "Copy", "Shortcut+C",
                "Paste", "Shortcut+V", "Select All", "Shortcut+A");
        accelerators.forEach((text, keys) -> assertThat(item(text).getAccelerator())
                .as("accelerator of %s", text)
                .isEqualTo(KeyCombination.keyCombination(keys)));
        assertThat(item("User Guide").getAccelerator()).isEqualTo(KeyCombination.keyCombination("F1"));
        assertThat(item("Keyboard Shortcuts").getAccelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+Slash"));
    }

    @Test
    void trainerPanelCollapsesAndExpandsByAClick(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        TitledPane trainer = robot.lookup("#trainerPanel").queryAs(TitledPane.class);
        Node canvas = robot.lookup("#canvasTabs").query();
        Node title = trainer.lookupAll(".title").stream().filter(n -> n.getParent() == trainer).findFirst().orElseThrow();
        assertThat(trainer.isExpanded()).as("closed until there is something to train").isFalse();
        robot.clickOn(title);
        WaitForAsyncUtils.waitFor(5, SECONDS, () -> trainer.isExpanded() && trainer.getHeight() > 150);
        WaitForAsyncUtils.waitForFxEvents();
        double openHeight = trainer.getHeight();
        double canvasHeight = canvas.getLayoutBounds().getHeight();
        assertThat(trainer.isExpanded()).isTrue();
        assertThat(openHeight).isGreaterThan(150);

        robot.clickOn(title);
        WaitForAsyncUtils.waitFor(5, SECONDS, () -> !trainer.isExpanded() && trainer.getHeight() <= title.getLayoutBounds().getHeight() + 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getLayoutBounds().getHeight()).as("the canvas takes the freed space")
                .isGreaterThan(canvasHeight + openHeight / 2);
        assertThat(((CheckMenuItem) item("Show Trainer Panel")).isSelected()).isFalse();
        Bounds status = window.statusBar().localToScene(window.statusBar().getLayoutBounds());
        assertThat(status.getMaxY()).isEqualTo(window.scene().getHeight());

        robot.clickOn(title);
        WaitForAsyncUtils.waitFor(5, SECONDS, () -> trainer.isExpanded() && Math.abs(trainer.getHeight() - openHeight) < 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getLayoutBounds().getHeight()).isCloseTo(canvasHeight, within(2.0));
    }

    @Test
    void switchesToTheDarkThemeFromTheViewMenu(FxRobot robot) {
        robot.clickOn("View").clickOn("Theme").clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.theme()).isEqualTo(Theme.DARK);
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"));
        assertThat(window.scene().getStylesheets()).noneMatch(s -> s.endsWith("theme-light.css"));
    }

    private MenuItem item(String text) {
        return window.menu().bar().getMenus().stream()
                .flatMap(m -> m.getItems().stream())
                .filter(i -> text.equals(i.getText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + text));
    }

    private static List<String> itemTexts(Menu menu) {
        return menu.getItems().stream()
                .filter(i -> !(i instanceof SeparatorMenuItem))
                .map(MenuItem::getText)
                .collect(Collectors.toList());
    }

    /** Visible itself and through all its parents, and inside the window. */
    private boolean isShown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        Rectangle2D scene = new Rectangle2D(0, 0, window.scene().getWidth(), window.scene().getHeight());
        return scene.intersects(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight())
                && node.getScene() == window.scene() && !(node instanceof Parent p && p.getChildrenUnmodifiable().isEmpty());
    }
}
