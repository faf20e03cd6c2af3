package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.NetFileReader;
import org.testfx.api.FxRobot;

/** A new net saved under a name of the person's choosing is called by that name wherever the window names it. */
class SaveAsInTheWindowTest extends InTheWindowTest {

    private String inspectorName(FxRobot robot) {
        return f.fx(() -> robot.lookup("#nodeName").queryAs(TextField.class).getText());
    }

    @Test
    void afterSaveAsTheTabTheTitleAndTheInspectorSayTheNewFileName(FxRobot robot) {
        openNewNet(robot);
        assertThat(selectedTabText()).isEqualTo("Untitled 1");
        assertThat(inspectorName(robot)).isEqualTo("Untitled 1");

        Path file = f.data.resolve("spiral classifier.json");
        f.files.add(Optional.of(file));
        f.shortcut(KeyCode.SHIFT, KeyCode.S);
        f.saved();

        assertThat(file).isRegularFile();
        assertThat(selectedTabText()).isEqualTo("spiral classifier.json");
        assertThat(stage.getTitle()).isEqualTo("spiral classifier.json — NetStudio");
        assertThat(inspectorName(robot)).as("the inspector's name of the net, nothing selected")
                .isEqualTo("spiral classifier.json");

        // Save As again, to another name: both follow once more.
        Path other = f.data.resolve("spirals v2.json");
        f.files.add(Optional.of(other));
        robot.clickOn("#menuFile").clickOn("#menuSaveAs");
        f.saved();
        assertThat(selectedTabText()).isEqualTo("spirals v2.json");
        assertThat(inspectorName(robot)).isEqualTo("spirals v2.json");
        assertThat(other).isRegularFile();
    }

    @Test
    void aNetReopenedFromItsFileIsCalledByTheFileNameToo(FxRobot robot) throws Exception {
        openNewNet(robot);
        Path file = f.data.resolve("mine.json");
        f.files.add(Optional.of(file));
        f.shortcut(KeyCode.SHIFT, KeyCode.S);
        f.saved();
        assertThat(NetFileReader.read(file).net()).isEqualTo(f.fx(() -> f.model().documentProperty().get().net()));

        robot.interact(() -> f.workspace().closeActive());
        robot.interact(() -> f.workspace().open(file));
        f.settle();
        assertThat(selectedTabText()).isEqualTo("mine.json");
        assertThat(inspectorName(robot)).isEqualTo("mine.json");
    }
}
