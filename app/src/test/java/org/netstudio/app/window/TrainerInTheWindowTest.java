package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerState;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The trainer panel in the window: it trains the net in front, and "Use these weights" puts the
 * result into that net as one undoable edit that the inspector's arrays show.
 */
class TrainerInTheWindowTest extends InTheWindowTest {

    static NetDocument spiralsMlp() {
        return new NetDocument("Spirals MLP", Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax")), null);
    }

    @Test
    void trainsTheNetInFrontAndItsWeightsGoIntoTheDocumentUndoably(FxRobot robot) throws Exception {
        openWindow(robot);
        OpenNet net = f.fx(() -> OpenNet.untitled(spiralsMlp(), "spirals"));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        var trainer = f.workspace().trainer();
        assertThat(f.fx(() -> trainer.netProperty().get().net())).isEqualTo(net.document().net());

        f.shortcut(KeyCode.R);
        assertThat(f.window.trainerPanel().isExpanded()).isTrue();
        chooseSpirals(robot, f);
        typeOption(robot, "#epochs", "40");
        robot.clickOn("#train");
        waitFor(180, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));
        assertThat(f.fx(() -> trainer.outcomeProperty().get().result().finalMetrics().orElseThrow()
                .validation().orElseThrow().accuracy().orElseThrow())).isGreaterThan(0.9);
        assertThat(f.fx(net::weights)).isEmpty();

        robot.clickOn("#tab-results");
        robot.clickOn("#use-weights");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(net::weights)).isPresent();
        assertThat(f.fx(() -> net.weights().orElseThrow().size())).isEqualTo(6);
        assertThat(f.fx(net::isDirty)).isTrue();
        assertThat(f.fx(() -> f.workspace().inspector().weightsProperty().get())).isSameAs(f.fx(() -> net.weights().get()));
        // The net has weights now: the next training fine-tunes them unless the person unticks it.
        assertThat(f.fx(() -> robot.lookup("#start-from-weights").queryAs(javafx.scene.control.CheckBox.class).isDisabled()))
                .isFalse();
        assertThat(f.text("#start-from-hint")).startsWith("Fine-tunes what the net already learned");
        assertThat(f.fx(trainer::startingWeights)).isSameAs(f.fx(() -> net.weights().get()));

        // The edit is in the net's history like any other: Undo takes the weights out again.
        robot.interact(() -> f.canvas().requestFocus());
        f.shortcut(KeyCode.Z);
        assertThat(f.fx(net::weights)).isEmpty();
        assertThat(f.fx(() -> f.workspace().inspector().weightsProperty().get())).isNull();
        assertThat(f.text("#start-from-hint")).startsWith("The net has no weights yet");
        assertThat(f.fx(trainer::startingWeights)).isNull();
        assertThat(f.fx(net::isDirty)).isFalse();
        f.shortcut(KeyCode.SHIFT, KeyCode.Z);
        assertThat(f.fx(net::weights)).isPresent();
        assertThat(f.fx(() -> net.weights().get().get(NodePath.ROOT.child(firstLinear(net)), "weights"))).isPresent();
    }

    @Test
    void anImportedOnnxNetFineTunesFromItsWeights(FxRobot robot) throws Exception {
        // A spirals classifier trained elsewhere and handed over as an ONNX file.
        var learned = org.netstudio.engine.run.NetTrain.train(spiralsMlp().net(),
                org.netstudio.engine.data.GeneratedDatasets.spirals(3, 300, 0.05, 7),
                org.netstudio.engine.train.TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(25)
                        .seed(1).build(), null);
        java.nio.file.Path file = WindowFixture.tempData().resolve("spirals.onnx");
        org.netstudio.app.document.OnnxExport.write(spiralsMlp(), java.util.Optional.of(learned.weights()), file, 0);

        openWindow(robot);
        f.files.add(java.util.Optional.of(file));
        javafx.application.Platform.runLater(() -> f.window.menu().item(org.netstudio.app.window.AppAction.OPEN).fire());
        f.settle();
        var trainer = f.workspace().trainer();
        assertThat(f.fx(trainer::startingWeights)).as("the imported weights").isNotNull();

        f.shortcut(KeyCode.R);
        chooseSpirals(robot, f);
        typeOption(robot, "#epochs", "1");
        typeOption(robot, "#learning-rate", "0.000001");
        robot.clickOn("#train");
        waitFor(120, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));

        assertThat(f.text("#trainer-message")).isEqualTo("Fine-tuning from the net's weights.");
        // One epoch at a rate too small to learn: the accuracy is what the imported net knew.
        assertThat(f.fx(() -> trainer.outcomeProperty().get().result().finalMetrics().orElseThrow()
                .validation().orElseThrow().accuracy().orElseThrow())).isGreaterThan(0.9);
    }

    /** Chooses the spirals data in the window's trainer panel and waits until it is loaded. */
    static void chooseSpirals(FxRobot robot, WindowFixture f) throws Exception {
        robot.clickOn("#data-source");
        robot.clickOn("Spirals");
        TrainerPanelModel trainer = f.workspace().trainer();
        waitFor(60, () -> f.fx(() -> trainer.dataProperty().get() != null
                && !trainer.dataStatusProperty().get().loading()));
    }

    /** Replaces what an option's field holds with {@code text}. */
    private static void typeOption(FxRobot robot, String id, String text) {
        // The options column scrolls inside the window's bottom panel (Monocle's wheel does not reach it).
        robot.interact(() -> ScrollIntoView.of(robot.lookup(id).query()));
        robot.clickOn(id);
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(text);
    }

    private static String firstLinear(OpenNet net) {
        return ((Chain) net.document().net()).elements().get(0).name();
    }
}
