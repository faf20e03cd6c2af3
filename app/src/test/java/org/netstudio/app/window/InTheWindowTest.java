package org.netstudio.app.window;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

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

    @AfterEach
    void closeTheWindow() {
        if (f != null) {
            f.close();
        }
    }
}
