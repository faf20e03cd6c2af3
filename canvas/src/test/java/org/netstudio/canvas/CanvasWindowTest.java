package org.netstudio.canvas;

import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.netstudio.netgraph.net.NetDocument;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** A canvas test that drives a real stage: TestFX shows the stage, {@link #open} puts a net on it. */
@ExtendWith(ApplicationExtension.class)
abstract class CanvasWindowTest {

    private Stage stage;

    /** The stage ApplicationExtension's start would hand over (it looks for {@code @Start} on the test class only). */
    @BeforeEach
    final void takeStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    /** A canvas showing {@code doc} on the stage, built on the FX thread; {@code settle} waits for its layout. */
    final CanvasFixture show(FxRobot robot, NetDocument doc) {
        CanvasFixture[] f = new CanvasFixture[1];
        robot.interact(() -> f[0] = new CanvasFixture(robot, stage, doc));
        return f[0];
    }

    /** {@link #show}, then waits until the canvas is laid out. */
    final CanvasFixture open(FxRobot robot, NetDocument doc) {
        CanvasFixture f = show(robot, doc);
        f.settle();
        return f;
    }
}
