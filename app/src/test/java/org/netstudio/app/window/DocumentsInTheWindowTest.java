package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Open, save, close, reopen, the dirty marker and prompt, bad files, recent files, and autosave recovery. */
class DocumentsInTheWindowTest extends InTheWindowTest {

    /** The × of the tab in front. */
    private javafx.scene.Node closeButtonOfTheNetInFront(FxRobot robot) {
        return f.fx(() -> robot.lookup(".tab").queryAll().stream()
                .filter(t -> t.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("selected")))
                .filter(t -> t.getParent() != null && t.getScene() == f.window.scene())
                .map(t -> t.lookup(".tab-close-button")).findFirst().orElseThrow());
    }

    /** A button of the dialog on screen (not the window's toolbar button of the same name). */
    private static javafx.scene.Node dialogButton(FxRobot robot, String text) {
        WindowFixture.waitUntil(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        return robot.lookup(".dialog-pane .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no dialog button " + text));
    }

    private static String dialogHeader(FxRobot robot) {
        WindowFixture.waitUntil(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        return robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText();
    }

    private long netTabs() {
        return f.fx(() -> f.window.canvasTabs().getTabs().stream().filter(NetTab.class::isInstance).count());
    }

    /** Adds a layer by dragging it from the palette: one edit, so the net is dirty. */
    private String addLayer(String type) {
        NodeItem in = f.node("$Input");
        return f.dragFromPalette(type, in.centerX() + 260, in.y() + 120);
    }

    @Test
    void saveCloseAndReopenGivesTheSameNet(FxRobot robot) throws Exception {
        openGalleryNet(robot, "lenet");
        String added = addLayer("Dropout");
        assertThat(selectedTabText()).isEqualTo("*LeNet-5");
        assertThat(stage.getTitle()).isEqualTo("*LeNet-5 — NetStudio");
        NetDocument edited = f.fx(() -> f.model().documentProperty().get());

        Path file = f.data.resolve("nets").resolve("my lenet.json");
        Files.createDirectories(file.getParent());
        f.files.add(Optional.of(file));
        f.shortcut(KeyCode.S);
        f.saved();

        assertThat(file).isRegularFile();
        assertThat(NetFileReader.read(file).net()).isEqualTo(edited.net());
        assertThat(selectedTabText()).as("no dirty marker once saved").isEqualTo("my lenet.json");
        assertThat(stage.getTitle()).isEqualTo("my lenet.json — NetStudio");
        assertThat(Files.list(file.getParent())).as("no temporary file is left behind").containsExactly(file);

        robot.clickOn(closeButtonOfTheNetInFront(robot));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(netTabs()).isZero();

        robot.interact(() -> f.workspace().open(file));
        f.settle();
        assertThat(selectedTabText()).isEqualTo("my lenet.json");
        assertThat(f.fx(() -> f.model().documentProperty().get().net())).isEqualTo(edited.net());
        assertThat(f.fx(() -> f.model().getLevel().node(added))).isNotNull();
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().isDirty())).isFalse();
        assertThat(f.fx(() -> f.workspace().openNets())).hasSize(1);
    }

    @Test
    void newNetsOpenInTabsFromTheStartPageAndTheShortcutAndTheStartPageComesBack(FxRobot robot) {
        openNewNet(robot);
        assertThat(selectedTabText()).isEqualTo("Untitled 1");
        f.shortcut(KeyCode.N);
        f.settle();
        assertThat(selectedTabText()).isEqualTo("Untitled 2");
        assertThat(netTabs()).isEqualTo(2);
        assertThat(f.fx(() -> f.model().getLevel().nodes())).extracting(NodeItem::id).contains("$Input", "$Output");

        for (int i = 0; i < 3; i++) {
            robot.clickOn(closeButtonOfTheNetInFront(robot));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(netTabs()).isZero();
        WindowFixture.waitUntil(() -> !f.window.canvasTabs().getTabs().isEmpty());
        assertThat(selectedTabText()).as("the Start page comes back when everything is closed").isEqualTo("Start");
        assertThat(f.fx(() -> robot.lookup("#breadcrumb .ns-breadcrumb-item").queryLabeled().getText()))
                .as("and the breadcrumb says where it is").isEqualTo("Start");
    }

    @Test
    void closingADirtyNetAsksAndCancelKeepsItDontSaveDiscardsIt(FxRobot robot) {
        openGalleryNet(robot, "mlp");
        addLayer("Dropout");

        robot.clickOn(closeButtonOfTheNetInFront(robot));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogHeader(robot))
                .isEqualTo("Save changes to “MNIST MLP”?");
        robot.clickOn(dialogButton(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(netTabs()).as("Cancel keeps the net").isEqualTo(1);
        assertThat(selectedTabText()).isEqualTo("*MNIST MLP");

        robot.clickOn(closeButtonOfTheNetInFront(robot));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Don't Save"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(netTabs()).isZero();
    }

    @Test
    void quittingWithUnsavedWorkAsksAndSaveWritesTheFile(FxRobot robot) {
        openGalleryNet(robot, "mlp");
        addLayer("Dropout");
        Path file = f.data.resolve("mlp.nsnet");
        f.files.add(Optional.of(file));

        boolean[] closed = new boolean[1];
        Platform.runLater(() -> closed[0] = f.workspace().closeAll());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Save"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(closed[0]).isTrue();
        assertThat(file).isRegularFile();
        assertThat(netTabs()).isZero();
    }

    @Test
    void aBadFileIsReportedWithTheReadersMessageAndNothingElseChanges(FxRobot robot) throws Exception {
        openWindow(robot);
        Path bad = f.data.resolve("broken.json");
        Files.writeString(bad, "{\"format\": \"netstudio.net\", \"net\": [1, 2");
        int tabs = f.fx(() -> f.window.canvasTabs().getTabs().size());

        f.files.add(Optional.of(bad));
        robot.interact(() -> f.window.canvasTabs().requestFocus());
        Platform.runLater(() -> f.window.menu().item(org.netstudio.app.window.AppAction.OPEN).fire());
        WaitForAsyncUtils.waitForFxEvents();

        String header = dialogHeader(robot);
        String content = f.fx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText());
        assertThat(header).isEqualTo("Cannot open “broken.json”");
        assertThat(content).contains("broken.json");
        robot.clickOn(dialogButton(robot, "OK"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.window.canvasTabs().getTabs().size())).isEqualTo(tabs);
        assertThat(f.fx(() -> f.workspace().openNets())).isEmpty();
    }

    @Test
    void recentFilesAreOfferedAndMissingOnesArePrunedWithAMessage(FxRobot robot) throws Exception {
        Path data = WindowFixture.tempData();
        Path kept = data.resolve("kept.json");
        Path gone = data.resolve("gone.json");
        org.netstudio.netgraph.files.NetFiles.write(kept, Gallery.standard().load("lenet"), null);
        org.netstudio.netgraph.files.NetFiles.write(gone, Gallery.standard().load("mlp"), null);
        var recent = new org.netstudio.app.document.RecentFiles(data.resolve("recent.txt"));
        recent.add(gone);
        recent.add(kept);
        Files.delete(gone);

        f = WindowFixture.open(robot, stage, data);
        assertThat(f.fx(() -> robot.lookup(".ns-start-recent").queryAll().size())).isEqualTo(2);
        robot.clickOn(f.fx(() -> robot.lookup(".ns-start-recent").queryAllAs(javafx.scene.control.Hyperlink.class)
                .stream().filter(h -> h.getText().equals("gone.json")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogHeader(robot))
                .isEqualTo("A recent net is gone");
        robot.clickOn(dialogButton(robot, "OK"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(recent.all()).containsExactly(kept.toAbsolutePath().normalize());
        assertThat(f.fx(() -> robot.lookup(".ns-start-recent").queryAll().size())).isEqualTo(1);

        robot.clickOn(".ns-start-recent");
        f.settle();
        assertThat(selectedTabText()).isEqualTo("kept.json");
    }

    @Test
    void afterACrashTheAutosavedWorkIsOfferedAndRestored(FxRobot robot) throws Exception {
        Path data = WindowFixture.tempData();
        NetDocument lenet = Gallery.standard().load("lenet");
        // what a window that crashed left behind
        new Autosave(data.resolve("autosave")).write("net-crashed-1", lenet, Optional.empty());

        f = WindowFixture.open(robot, stage, data);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogHeader(robot))
                .isEqualTo("Restore unsaved work?");
        robot.clickOn(dialogButton(robot, "Restore"));
        f.settle();

        assertThat(f.fx(() -> f.model().documentProperty().get().net())).isEqualTo(lenet.net());
        assertThat(selectedTabText()).as("restored work is unsaved").isEqualTo("*LeNet-5");
        assertThat(f.shapeOn("pool1")).isEqualTo("6×14×14");

        // a clean exit leaves nothing to offer
        Platform.runLater(() -> {
            if (f.workspace().closeAll()) {
                f.workspace().exitCleanly();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Don't Save"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new Autosave(data.resolve("autosave")).find()).isEmpty();
    }

    /** Issue 15: autosave offered back a net that could not be checked. */
    @Test
    void autosavedWorkThatCannotBeCheckedIsNotOfferedButSaidAndKeptAside(FxRobot robot) throws Exception {
        Path data = WindowFixture.tempData();
        Path autosave = Files.createDirectories(data.resolve("autosave"));
        // A net the reader refuses (an unknown layer type) cannot be offered back.
        Files.writeString(autosave.resolve("net-crashed-2.json"), """
                {"format": "netstudio.net", "version": 1, "name": "deep",
                 "net": {"type": "Chain", "input": {"shape": [2]}, "layers": [{"type": "NoSuchLayer"}]}}
                """);

        f = WindowFixture.open(robot, stage, data);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogHeader(robot)).isEqualTo("Some unsaved work cannot be restored");
        String content = f.fx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText());
        assertThat(content).contains("unknown layer type \"NoSuchLayer\"")
                .endsWith("; it was kept in " + data.resolve("autosave-set-aside").resolve("net-crashed-2.json") + ".");
        robot.clickOn(dialogButton(robot, "OK"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").queryAll()).as("nothing else is offered").isEmpty();
        assertThat(f.fx(() -> f.workspace().openNets())).isEmpty();
    }

    @Test
    void unsavedWorkIsAutosavedAndSavingForgetsIt(FxRobot robot) throws Exception {
        openWindow(robot);
        robot.interact(() -> f.workspace().open(OpenNet.untitled(WindowFixture.emptyGraph("Scratch", 4), "Scratch")));
        f.settle();
        addLayer("Linear");
        f.fx(() -> f.workspace().autosaveNow()).join();
        Autosave autosave = new Autosave(f.data.resolve("autosave"));
        assertThat(autosave.find()).singleElement()
                .satisfies(r -> assertThat(r.document().net())
                        .isEqualTo(f.fx(() -> f.model().documentProperty().get().net())));

        f.files.add(Optional.of(f.data.resolve("scratch.json")));
        f.shortcut(KeyCode.S);
        f.saved();
        f.fx(() -> f.workspace().autosaveIdle()).join();
        assertThat(autosave.find()).as("saved work needs no autosave").isEmpty();
        Tab tab = f.fx(() -> f.window.canvasTabs().getSelectionModel().getSelectedItem());
        assertThat(tab.getText()).isEqualTo("scratch.json");
    }
}
