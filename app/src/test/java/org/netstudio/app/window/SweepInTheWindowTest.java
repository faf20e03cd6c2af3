package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The trainer's Sweep… in the window: a small sweep of the net in front, and "Use best" puts the
 * best trial's layer values and weights into that net, undoably.
 */
class SweepInTheWindowTest extends InTheWindowTest {

    private static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(text);
    }

    private static int units(NetDocument doc) {
        return ((Layer) NetPaths.find(doc.net(), NodePath.of("linear1")).orElseThrow()).params().getInt("units");
    }

    @Test
    void useBestPutsTheBestTrialsUnitsAndWeightsIntoTheNetUndoably(FxRobot robot) throws Exception {
        openWindow(robot);
        OpenNet net = f.fx(() -> OpenNet.untitled(TrainerInTheWindowTest.spiralsMlp(), "spirals"));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        var trainer = f.workspace().trainer();
        f.shortcut(KeyCode.R);
        TrainerInTheWindowTest.chooseSpirals(robot, f);
        robot.interact(() -> trainer.options().epochs().textProperty().set("3"));
        robot.interact(() -> f.window.trainerMaximisedProperty().set(true));
        robot.clickOn("#sweep");
        typeInto(robot, "#sweep-values-0", "3e-3..3e-2");
        robot.clickOn("#sweep-add");
        typeInto(robot, "#sweep-name-1", "linear1.units");
        typeInto(robot, "#sweep-values-1", "8,48");
        typeInto(robot, "#sweep-trials .text-field", "4");
        robot.push(KeyCode.ENTER);
        robot.clickOn("#sweep-start");
        waitFor(120, () -> f.fx(() -> !robot.lookup("#sweep-use-best").query().isDisabled()));
        assertThat(f.text("#sweep-progress")).isEqualTo("4 of 4 trials");
        String best = f.text("#sweep-message");
        assertThat(best).startsWith("Best: trial ");
        int bestUnits = Integer.parseInt(best.replaceAll(".*linear1\\.units=(\\d+).*", "$1"));
        // Each trial is a run in the window's runs folder, saying which sweep and trial it was.
        String sweepId = f.fx(() -> trainer.runStore().orElseThrow().list().stream()
                .filter(r -> r.origin().startsWith("sweep ") && r.started() != null).max(java.util.Comparator.comparing(r -> r.started()))
                .orElseThrow().origin().split(" ")[1]);
        assertThat(f.fx(() -> trainer.runStore().orElseThrow().list().stream()
                .filter(r -> r.origin().startsWith("sweep " + sweepId + " trial ")).count())).isEqualTo(4);

        robot.clickOn("#sweep-use-best");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> units(net.document()))).isEqualTo(bestUnits);
        assertThat(f.fx(net::weights)).isPresent();
        assertThat(f.text("#sweep-message")).isEqualTo("The best trial's values and weights were put into the net.");

        // Two edits in the net's history: the weights, then the net's new values.
        robot.interact(() -> f.window.trainerMaximisedProperty().set(false));
        robot.interact(() -> f.canvas().requestFocus());
        f.shortcut(KeyCode.Z);
        assertThat(f.fx(net::weights)).isEmpty();
        f.shortcut(KeyCode.Z);
        assertThat(f.fx(() -> units(net.document()))).isEqualTo(32);
    }
}
