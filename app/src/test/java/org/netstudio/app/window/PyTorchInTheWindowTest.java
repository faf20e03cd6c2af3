package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import java.util.List;

import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.torchrun.PythonFinder;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.MessageTone;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerState;
import org.netstudio.trainer.launch.TrainingTarget;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 13 in the window: File › Export › PyTorch Project writes the net in front as a project; the
 * trainer's PyTorch (torchrun) target trains it on two processes, plots its progress and puts its
 * best weights into the net undoably; weights trained elsewhere (a PyTorch run's {@code
 * best.safetensors}) come in through File › Import Weights, checked and undoable.
 */
class PyTorchInTheWindowTest extends InTheWindowTest {

    /** The spirals MLP with names of its own, to find in model.py. */
    static NetDocument namedSpiralsMlp() {
        return new NetDocument("Spirals MLP", Chain.named(PortDecl.of(TensorType.real(2)),
                List.of(Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 32),
                        Layer.of("Ramp"), Layer.of("Linear", "units", 3), Layer.of("Softmax")),
                List.of("hidden_one", "relu_one", "hidden_two", "relu_two", "scores", "probabilities"),
                PortDecl.UNSPECIFIED), null);
    }

    private OpenNet openNamedSpiralsWithItsData(FxRobot robot) throws Exception {
        openWindow(robot);
        OpenNet net = f.fx(() -> OpenNet.untitled(namedSpiralsMlp(), "spirals"));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        f.shortcut(KeyCode.R);
        TrainerInTheWindowTest.chooseSpirals(robot, f);
        return net;
    }

    @Test
    void exportPyTorchProjectWritesTheProjectWithTheLayerNamesAndSaysWhereInTheStatusBar(FxRobot robot)
            throws Exception {
        openNamedSpiralsWithItsData(robot);
        Path project = WindowFixture.tempData().resolve("spirals-pytorch");
        f.files.add(Optional.of(project));

        robot.clickOn("#menuFile").clickOn("#menuExportPytorch");
        f.workspace().pyTorchExportsDone().get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        for (String file : List.of("model.py", "netstudio_io.py", "train.py", "data.py", "recipe.json", "README.md",
                "requirements.txt")) {
            assertThat(project.resolve(file)).as(file).isRegularFile();
        }
        String model = Files.readString(project.resolve("model.py"));
        assertThat(model).contains("hidden_one", "hidden_two", "scores");
        assertThat(f.text("#statusNote")).isEqualTo("PyTorch project written to " + project);
    }

    @Test
    void exportPyTorchProjectWithoutDataSaysWhatIsMissingAndWritesNothing(FxRobot robot) throws Exception {
        openWindow(robot);
        robot.interact(() -> f.workspace().open(OpenNet.untitled(namedSpiralsMlp(), "spirals")));
        f.settle();
        Path project = WindowFixture.tempData().resolve("spirals-pytorch");
        f.files.add(Optional.of(project));

        robot.clickOn("#menuFile").clickOn("#menuExportPytorch");
        WindowFixture.waitUntil(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());

        assertThat(f.fx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText()))
                .isEqualTo("Choose the data to train on in the trainer panel first: the project holds its examples.");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
        assertThat(project).doesNotExist();
        assertThat(f.files).as("no folder was asked for").hasSize(1);
    }

    @Test
    void thePyTorchTargetTrainsOnTwoProcessesPlotsEachEpochAndPutsTheBestWeightsIntoTheNetUndoably(FxRobot robot)
            throws Exception {
        Optional<PythonFinder.Found> python = PythonFinder.find();
        Assumptions.assumeTrue(python.isPresent(), "python3-torch is missing: no Python on this computer imports torch");
        OpenNet net = openNamedSpiralsWithItsData(robot);
        TrainerPanelModel trainer = f.workspace().trainer();
        robot.interact(() -> ScrollIntoView.of(robot.lookup("#training-target").query()));
        robot.clickOn("#training-target");
        robot.clickOn("PyTorch (torchrun)");
        // The panel finds the Python itself (as it would for a person).
        waitFor(60, () -> f.fx(() -> trainer.target().python().value().isPresent()));
        assertThat(f.text("#torchrun-python-note")).startsWith("Found, with PyTorch ");
        f.typeInto("#torchrun-processes", "2");
        f.typeInto("#epochs", "3");
        assertThat(f.fx(() -> trainer.canTrainBinding().get())).as(f.fx(trainer::reasonNotToTrain)).isTrue();

        robot.clickOn("#train");
        waitFor(300, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));

        assertThat(f.fx(() -> trainer.curvesProperty().get().history().validationLoss().size()))
                .as("a validation loss per epoch (%s)", f.text("#trainer-message")).isEqualTo(3);
        assertThat(f.fx(() -> ((LineChart<?, ?>) robot.lookup("#loss-chart").query()).getData().stream()
                .mapToInt(s -> s.getData().size()).sum())).as("points on the loss chart").isGreaterThanOrEqualTo(3);
        assertThat(f.fx(() -> trainer.curvesProperty().get().history()
                .validationMeasure(org.netstudio.engine.metrics.Measure.ACCURACY).size()))
                .as("a validation accuracy per epoch on the right chart").isEqualTo(3);
        assertThat(f.fx(() -> trainer.messageProperty().get().tone())).as(f.text("#trainer-message")).isEqualTo(MessageTone.DONE);
        assertThat(f.text("#trainer-message")).startsWith("PyTorch's best weights (epoch ").endsWith("Undo takes them out.");
        Weights trained = f.fx(() -> net.weights().orElseThrow());
        assertThat(trained.arrays().keySet()).containsExactlyInAnyOrder("hidden_one/weights", "hidden_one/biases",
                "hidden_two/weights", "hidden_two/biases", "scores/weights", "scores/biases");
        assertThat(f.fx(() -> trainer.outcomeProperty().get())).as("evaluated like NetStudio's own run").isNotNull();
        assertThat(f.fx(() -> ((javafx.scene.control.TextArea) robot.lookup("#torchrun-cluster-command").query()).getText()))
                .contains("torchrun ", "--nproc_per_node=2", "--nnodes=2", "train.py");

        f.shortcut(KeyCode.Z);
        assertThat(f.fx(net::weights)).as("Undo takes PyTorch's weights out").isEmpty();
    }

    private OpenNet openSpirals(FxRobot robot) {
        openWindow(robot);
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
    void stopEndsTheTorchrunJobAndTheBestEpochSoFarComesBackIntoTheNet(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(PythonFinder.find().isPresent(), "python3-torch is missing: no Python on this computer imports torch");
        OpenNet net = openNamedSpiralsWithItsData(robot);
        TrainerPanelModel trainer = f.workspace().trainer();
        robot.interact(() -> trainer.target().targetProperty().set(TrainingTarget.TORCHRUN));
        waitFor(60, () -> f.fx(() -> trainer.target().python().value().isPresent()));
        f.typeInto("#epochs", "2000");
        robot.clickOn("#train");
        waitFor(180, () -> f.fx(() -> trainer.curvesProperty().get().history().epochs().size() >= 2));

        robot.clickOn("#stop");
        waitFor(120, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));

        int epochs = f.fx(() -> trainer.curvesProperty().get().history().epochs().size());
        assertThat(epochs).as("stopped long before 2000 epochs").isBetween(2, 1999);
        assertThat(f.fx(() -> trainer.outcomeProperty().get().result().stopReason()))
                .as(f.fx(() -> trainer.outcomeProperty().get().result().message()))
                .isEqualTo(org.netstudio.engine.train.StopReason.STOPPED);
        assertThat(f.fx(net::weights)).as("the best epoch so far is in the net").isPresent();
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
