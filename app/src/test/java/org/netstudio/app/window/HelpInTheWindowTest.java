package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.netstudio.app.Version;
import org.netstudio.app.help.HelpDocument;
import org.netstudio.app.help.HelpWindow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Help menu: the bundled documents, the keyboard shortcuts and About, offline. */
class HelpInTheWindowTest extends InTheWindowTest {

    private HelpWindow help() {
        return f.window.help().documents();
    }

    private void choose(FxRobot robot, String item) {
        robot.clickOn("#menuHelp").clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The texts of the document shown, heading by heading, as the reader sees them. */
    private List<String> headingsShown() {
        return f.fx(() -> help().view().getChildren().stream()
                .filter(n -> n.getStyleClass().contains("ns-help-heading"))
                .map(n -> flowText((TextFlow) n)).toList());
    }

    private static String flowText(TextFlow flow) {
        StringBuilder s = new StringBuilder();
        for (Node n : flow.getChildren()) {
            s.append(n instanceof Text t ? t.getText() : ((Labeled) n).getText());
        }
        return s.toString();
    }

    @Test
    void userGuideOpensFromTheHelpMenuAndShowsTheGuidesFirstHeading(FxRobot robot) {
        openWindow(robot);
        String firstLine = HelpDocument.USER_GUIDE.text().orElseThrow().lines().findFirst().orElseThrow();
        assertThat(firstLine).isEqualTo("# NetStudio user guide");

        choose(robot, "#menuUserGuide");

        assertThat(f.fx(() -> help().stage().isShowing())).isTrue();
        assertThat(f.fx(() -> help().stage().getTitle())).isEqualTo("NetStudio Help — User Guide");
        assertThat(headingsShown()).first().isEqualTo("NetStudio user guide");
        assertThat(f.fx(() -> help().partTitles())).startsWith("NetStudio user guide", "Getting started")
                .contains("Building a net on the canvas", "Training", "The command line");
    }

    @Test
    void aLinkOfTheGuideOpensTheLayerReferenceAndBackReturnsToTheGuide(FxRobot robot) {
        openWindow(robot);
        robot.interact(() -> f.window.help().show(HelpDocument.USER_GUIDE));
        Hyperlink toLayers = f.fx(() -> robot.from(help().view()).lookup(".ns-help-link").queryAllAs(Hyperlink.class)
                .stream().filter(l -> l.getText().equals("layer reference")).findFirst().orElseThrow());

        robot.clickOn(toLayers);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.fx(() -> help().current())).isEqualTo(HelpDocument.LAYER_REFERENCE);
        assertThat(headingsShown()).first().isEqualTo("Layer reference");

        Hyperlink toLstm = f.fx(() -> robot.from(help().view()).lookup(".ns-help-link").queryAllAs(Hyperlink.class)
                .stream().filter(l -> l.getText().equals("LSTM")).findFirst().orElseThrow());
        robot.clickOn(toLstm);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(headingsShown()).first().isEqualTo("Sequence");
        assertThat(headingsShown()).contains("LSTM", "GRU");

        robot.clickOn("#helpBack");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(headingsShown()).first().isEqualTo("Layer reference");
        robot.clickOn("#helpBack");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> help().current())).isEqualTo(HelpDocument.USER_GUIDE);
        assertThat(headingsShown()).first().isEqualTo("NetStudio user guide");
    }

    @Test
    void layerReferenceFromTheMenuListsEveryCatalogLayer(FxRobot robot) {
        openWindow(robot);
        choose(robot, "#menuLayerReference");

        assertThat(f.fx(() -> help().current())).isEqualTo(HelpDocument.LAYER_REFERENCE);
        for (var type : org.netstudio.netgraph.catalog.LayerCatalog.standard().types()) {
            robot.interact(() -> help().follow("#" + org.netstudio.netgraph.catalog.LayerReference.anchor(type.name())));
            assertThat(headingsShown()).as("the part the link to %s shows", type.name()).contains(type.name());
        }
    }

    @Test
    void f1OpensTheUserGuide(FxRobot robot) {
        openWindow(robot);
        robot.clickOn("#statusBar");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> help().current())).isEqualTo(HelpDocument.USER_GUIDE);
    }

    @Test
    void keyboardShortcutsListEveryMenuShortcutWithItsKeysAndTheCanvasKeys(FxRobot robot) {
        openWindow(robot);
        choose(robot, "#menuKeyboardShortcuts");

        Stage shortcuts = f.window.help().shortcuts().stage();
        assertThat(f.fx(shortcuts::isShowing)).isTrue();
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
        assertThat(keysOf(robot, shortcuts, "Undo")).isEqualTo(mac ? "⌘Z" : "Ctrl+Z");
        assertThat(keysOf(robot, shortcuts, "Save As…")).isNotBlank();
        assertThat(keysOf(robot, shortcuts, "User Guide")).isEqualTo("F1");
        String shown = f.fx(() -> robot.from(shortcuts.getScene().getRoot()).lookup(".ns-help-text")
                .queryAllAs(Text.class).stream().map(Text::getText).reduce("", String::concat));
        assertThat(shown).contains("Escape").contains("clear the selection");
    }

    /** The keys shown in the shortcuts window beside a menu item's text. */
    private String keysOf(FxRobot robot, Stage window, String item) {
        return f.fx(() -> {
            for (GridPane grid : robot.from(window.getScene().getRoot()).lookup(".ns-shortcuts").queryAllAs(GridPane.class)) {
                List<Node> cells = grid.getChildren();
                for (int i = 0; i + 1 < cells.size(); i += 2) {
                    if (((Label) cells.get(i)).getText().equals(item)) {
                        return ((Label) cells.get(i + 1)).getText();
                    }
                }
            }
            throw new AssertionError("no shortcut for " + item);
        });
    }

    @Test
    void aboutShowsTheVersionAndItsWholeText(FxRobot robot) {
        openWindow(robot);
        choose(robot, "#menuAbout");

        Window about = f.fx(() -> Window.getWindows().stream()
                .filter(w -> w != stage && w.isShowing() && w instanceof Stage s && "About NetStudio".equals(s.getTitle()))
                .findFirst().orElseThrow(() -> new AssertionError("no About window")));
        List<Label> lines = f.fx(() -> robot.from(about.getScene().getRoot()).lookup(".label").queryAllAs(Label.class)
                .stream().filter(l -> !l.getText().isEmpty()).toList());
        assertThat(f.fx(() -> lines.stream().map(Label::getText).toList()))
                .contains("NetStudio " + Version.current())
                .anyMatch(t -> t.startsWith("Java " + System.getProperty("java.version")));
        javafx.scene.layout.Region pane = f.fx(() -> (javafx.scene.layout.Region) about.getScene().getRoot());
        double height = f.fx(pane::getHeight);
        assertThat(height).as("the window holds the whole dialog")
                .isGreaterThanOrEqualTo(f.fx(() -> pane.prefHeight(pane.getWidth())));
        for (Label line : lines) {
            double lineHeight = f.fx(line::getHeight);
            assertThat(lineHeight).as("room for all of %s", line.getText())
                    .isGreaterThanOrEqualTo(f.fx(() -> line.prefHeight(line.getWidth())));
            // What is drawn is the label's whole text, not a shortened one ending in an ellipsis.
            String drawn = f.fx(() -> robot.from(line).lookup(".text").queryAllAs(Text.class).stream()
                    .map(Text::getText).reduce("", (a, b) -> a + b));
            assertThat(drawn.replace("\n", " ").replaceAll("\\s+", " ").strip())
                    .as("drawn text of %s", line.getText()).isEqualTo(line.getText());
        }
    }
}
