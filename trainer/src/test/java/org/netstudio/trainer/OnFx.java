package org.netstudio.trainer;

import java.util.concurrent.Callable;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.netstudio.assets.Theme;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Shows a view, reads a value on the FX thread, waits and types, for the trainer's GUI tests. */
public final class OnFx {

    private OnFx() {
    }

    /** Shows {@code root} in the light theme, then these stylesheets, on the stage at the screen's corner. */
    public static void show(Stage stage, Parent root, double width, double height, String... stylesheets) {
        Scene scene = new Scene(root, width, height);
        Theme.LIGHT.applyTo(scene.getStylesheets());
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    /** What {@code read} gives, read on the FX thread; its exception fails the test. */
    public static <T> T read(FxRobot robot, Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(30_000, read);
    }

    /** Waits up to {@code seconds} until {@code condition} holds, letting the FX thread run in between. */
    public static void waitFor(int seconds, Callable<Boolean> condition) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    /** Clicks a text field, selects what it holds with the keyboard and types over it. */
    public static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.A,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        robot.write(text);
    }

    /** Chooses the Spirals data in the data pane and waits until the panel has loaded it. */
    public static void chooseSpirals(FxRobot robot, TrainerPanelModel model) throws java.util.concurrent.TimeoutException {
        robot.clickOn("#data-source");
        robot.clickOn("Spirals");
        waitFor(60, () -> read(robot, () -> model.dataProperty().get() != null
                && !model.dataStatusProperty().get().loading()));
    }
}
