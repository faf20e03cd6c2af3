package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerState;

/**
 * A test of the real main window: the stage TestFX gives, the {@link WindowFixture} a test opens on
 * it, and the window (with any it opened) closed after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class InTheWindowTest {

    Stage stage;
    WindowFixture f;

    /** TestFX's primary stage (its @Start methods are not looked up in superclasses). */
    @BeforeEach
    void takeTheStage() throws java.util.concurrent.TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    /** Opens the window over a fresh data folder. */
    void openWindow(FxRobot robot) {
        f = WindowFixture.open(robot, stage, WindowFixture.tempData());
    }

    /** Opens the window and, from its Start page, a new untitled net. */
    void openNewNet(FxRobot robot) {
        openWindow(robot);
        robot.clickOn("#startNew");
        f.settle();
    }

    /** Opens the window and the gallery's net {@code id} in it. */
    void openGalleryNet(FxRobot robot, String id) {
        openWindow(robot);
        robot.interact(() -> f.workspace().openGallery(id));
        f.settle();
    }

    /** Waits up to {@code seconds} until the condition holds, letting the FX thread work between looks. */
    static void waitFor(int seconds, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    /**
     * Trains the net in front from its trainer panel for {@code epochs} at the learning rate {@code rate}, and
     * waits up to {@code seconds} for the run to finish without failing.
     */
    void trainFromThePanel(FxRobot robot, String epochs, String rate, int seconds) throws TimeoutException {
        TrainerPanelModel trainer = f.workspace().trainer();
        robot.interact(() -> ScrollIntoView.of(robot.lookup("#epochs").query()));
        f.typeInto("#epochs", epochs);
        f.typeInto("#learning-rate", rate);
        robot.clickOn("#train");
        waitFor(seconds, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));
        assertThat(f.fx(() -> trainer.messageProperty().get().text())).doesNotStartWith("Training failed");
    }

    /** The text of the canvas tab in front: a net's title, or "Start". */
    String selectedTabText() {
        return f.fx(() -> f.window.canvasTabs().getSelectionModel().getSelectedItem().getText());
    }

    @AfterEach
    void closeTheWindow() {
        if (f != null) {
            f.close();
        }
    }
}
