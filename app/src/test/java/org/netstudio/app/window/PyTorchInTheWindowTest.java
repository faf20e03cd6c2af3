package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 13 in the window: weights trained elsewhere (a PyTorch run's {@code best.safetensors}) come
 * into the open net through File › Import Weights, checked and undoable.
 */
class PyTorchInTheWindowTest extends InTheWindowTest {

    private OpenNet openSpirals(FxRobot robot) {
        f = WindowFixture.open(robot, stage, WindowFixture.tempData());
        OpenNet net = f.fx(() -> OpenNet.untitled(TrainerInTheWindowTest.spiralsMlp(), "spirals"));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        return net;
    }

    /** The spirals MLP's arrays with seeded values, as PyTorch's train.py would write them. */
    private static Weights seededWeights(OpenNet net, long seed) {
        try (NetRunner runner = NetRunner.untrained(net.document().net(), seed)) {
            return runner.weights();
        }
    }

    @Test
    void importWeightsPutsARunsBestWeightsIntoTheNetAndUndoTakesThemOut(FxRobot robot) throws Exception {
        OpenNet net = openSpirals(robot);
        Weights trained = seededWeights(net, 11);
        Path run = WindowFixture.tempData();
        Safetensors.write(trained, run.resolve("best.safetensors"));
        f.files.add(Optional.of(run.resolve("best.safetensors")));

        robot.clickOn("#menuFile").clickOn("#menuImportWeights");
        f.workspace().weightsImportsDone().get(60, TimeUnit.SECONDS);
        WindowFixture.waitUntil(() -> f.fx(() -> net.weights().isPresent()));

        assertThat(f.fx(() -> net.weights().orElseThrow().arrays().keySet())).isEqualTo(trained.arrays().keySet());
        assertThat(f.fx(() -> net.weights().orElseThrow())).isEqualTo(trained);
        assertThat(f.text("#statusNote")).isEqualTo("Weights imported from best.safetensors (6 arrays); Undo takes them out.");
        assertThat(f.fx(net::isDirty)).isTrue();

        f.shortcut(KeyCode.Z);
        assertThat(f.fx(net::weights)).isEmpty();
        assertThat(f.fx(net::isDirty)).isFalse();
    }

    @Test
    void importWeightsRefusesAnArrayOfTheWrongShapeNamingItAndLeavesTheNetAsItWas(FxRobot robot) throws Exception {
        OpenNet net = openSpirals(robot);
        Weights good = seededWeights(net, 11);
        String first = good.arrays().keySet().stream().filter(k -> k.endsWith("/weights")).findFirst().orElseThrow();
        Weights wrong = good.with(WeightArray.of(first, new long[] {32, 3}, new float[32 * 3]));
        Path file = WindowFixture.tempData().resolve("wrong.safetensors");
        Safetensors.write(wrong, file);
        f.files.add(Optional.of(file));

        robot.clickOn("#menuFile").clickOn("#menuImportWeights");
        f.workspace().weightsImportsDone().get(60, TimeUnit.SECONDS);
        WindowFixture.waitUntil(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());

        assertThat(f.fx(() -> robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText()))
                .isEqualTo("Cannot import “wrong.safetensors”");
        assertThat(f.fx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText()))
                .startsWith("wrong.safetensors: these weights do not fit the net: ")
                .contains(first + " must have shape (32, 2), but has (32, 3)");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(net::weights)).isEmpty();
        assertThat(f.fx(net::isDirty)).isFalse();
        assertThat(Files.exists(file)).isTrue();
    }
}
