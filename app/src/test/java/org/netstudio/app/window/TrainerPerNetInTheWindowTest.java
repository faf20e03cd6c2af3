package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.engine.train.StopReason;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerPanel;
import org.netstudio.trainer.TrainerState;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The trainer panel belongs to the net in front: each open net keeps its own data, options, plots
 * and results, a training goes on behind another tab, and closing a net stops its training. The
 * panel is enlarged by dragging its top edge (remembered for the next start) or maximised, and
 * restored.
 */
class TrainerPerNetInTheWindowTest extends InTheWindowTest {

    private static NetDocument mlp(String name, int classes) {
        return new NetDocument(name, Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", classes), Layer.of("Softmax")), null);
    }

    /** Opens a net in a new tab in front, with the trainer panel open; returns that net's trainer. */
    private TrainerPanelModel open(FxRobot robot, NetDocument doc, String title) {
        OpenNet net = f.fx(() -> OpenNet.untitled(doc, title));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        f.shortcut(KeyCode.R);
        return f.fx(() -> f.workspace().trainer());
    }

    /** Chooses data and the number of epochs in the panel in front, as a person does, and presses Train. */
    private void train(FxRobot robot, TrainerPanelModel trainer, String data, int epochs) throws Exception {
        robot.clickOn("#data-source");
        robot.clickOn(data);
        try {
            waitFor(60, () -> f.fx(() -> trainer.canTrainBinding().get()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(f.fx(() -> trainer.reasonNotToTrain() + " | " + trainer.dataStatusProperty().get()
                    + " | " + trainer.choiceProperty().get() + " | " + trainer.hasPending()), e);
        }
        robot.interact(() -> ScrollIntoView.of(robot.lookup("#epochs").query()));
        robot.clickOn("#epochs");
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(Integer.toString(epochs));
        robot.clickOn("#train");
        // A short run may have finished by the time the test looks: started is what counts here.
        waitFor(30, () -> f.fx(() -> trainer.stateProperty().get() == TrainerState.TRAINING
                || trainer.outcomeProperty().get() != null));
    }

    /** Clicks the header of the tab titled {@code title}. */
    private void clickTab(FxRobot robot, String title) {
        Node header = f.fx(() -> robot.from(f.window.canvasTabs()).lookup(".tab").queryAll().stream()
                .filter(t -> ((Labeled) t.lookup(".tab-label")).getText().equals(title)).findFirst().orElseThrow());
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The points of a series of a chart of the panel on screen. */
    @SuppressWarnings("unchecked")
    private int points(FxRobot robot, String chart, int series) {
        return f.fx(() -> ((LineChart<Number, Number>) robot.lookup(chart).query()).getData().get(series).getData().size());
    }

    /** The counts in the confusion matrix on screen. */
    private List<Long> confusion(FxRobot robot) {
        return f.fx(() -> robot.lookup("#confusion-matrix .cm-count").queryAll().stream()
                .map(n -> Long.parseLong(((Label) n).getText())).toList());
    }

    @SuppressWarnings("unchecked")
    private String chosenData(FxRobot robot) {
        return f.fx(() -> {
            Object v = robot.lookup("#data-source").queryAs(ComboBox.class).getValue();
            return v == null ? null : v.toString();
        });
    }

    @Test
    void eachNetKeepsItsOwnDataPlotsAndResultsWhileATrainingGoesOnBehindAnotherTab(FxRobot robot) throws Exception {
        openWindow(robot);
        TrainerPanelModel spirals = open(robot, mlp("Spirals MLP", 3), "spirals");
        train(robot, spirals, "Spirals", 150);

        // A second net, opened while the first trains: a panel of its own, with nothing chosen yet.
        TrainerPanelModel moons = open(robot, mlp("Moons MLP", 2), "moons");
        assertThat(moons).isNotSameAs(spirals);
        assertThat(f.fx(() -> spirals.stateProperty().get())).as("the first still trains").isEqualTo(TrainerState.TRAINING);
        assertThat(chosenData(robot)).isNull();
        assertThat(points(robot, "#loss-chart", 0)).isZero();
        assertThat(f.text("#trainer-message")).isEmpty();
        assertThat(f.fx(() -> robot.lookup(".trainer-panel").queryAll())).singleElement()
                .isSameAs(f.fx(() -> f.window.trainerPanel().getContent()));

        train(robot, moons, "Moons (2 classes)", 5);
        waitFor(180, () -> f.fx(() -> moons.outcomeProperty().get() != null));
        assertThat(confusion(robot)).as("two classes").hasSize(4);
        assertThat(points(robot, "#accuracy-chart", 1)).as("moons' validation accuracy per epoch").isEqualTo(5);
        String moonsResult = f.text("#result-accuracy");

        // The spirals training went on behind the moons tab, to its last epoch.
        waitFor(180, () -> f.fx(() -> spirals.outcomeProperty().get() != null));
        assertThat(f.fx(() -> spirals.curvesProperty().get().history().epochs())).hasSize(150);

        clickTab(robot, "spirals");
        assertThat(f.fx(() -> f.workspace().trainer())).isSameAs(spirals);
        assertThat(chosenData(robot)).isEqualTo("Spirals");
        assertThat(points(robot, "#accuracy-chart", 1)).as("spirals' validation accuracy per epoch").isEqualTo(150);
        assertThat(points(robot, "#loss-chart", 0)).isGreaterThan(100);
        robot.clickOn("#tab-results");
        assertThat(confusion(robot)).as("three arms").hasSize(9);
        assertThat(confusion(robot).stream().mapToLong(Long::longValue).sum()).isEqualTo(180);
        robot.clickOn("#use-weights");
        assertThat(f.text("#trainer-message")).isEqualTo("The trained weights were put into the net.");
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().weights())).isPresent();

        // Back to moons: its own result, and none of spirals' messages.
        clickTab(robot, "moons");
        assertThat(chosenData(robot)).isEqualTo("Moons (2 classes)");
        assertThat(points(robot, "#accuracy-chart", 1)).isEqualTo(5);
        assertThat(confusion(robot)).hasSize(4);
        assertThat(f.text("#result-accuracy")).isEqualTo(moonsResult);
        assertThat(f.text("#trainer-message")).isEmpty();
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().weights())).isEmpty();
    }

    /** Threads of trainers still running (each open net's trainer has one). */
    private static long trainerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("netstudio-trainer-worker")).count();
    }

    @Test
    void closingANetStopsItsTrainingAndEndsItsTrainer(FxRobot robot) throws Exception {
        openWindow(robot);
        TrainerPanelModel trainer = open(robot, mlp("Spirals MLP", 3), "spirals");
        train(robot, trainer, "Spirals", 100_000);
        var run = f.fx(() -> trainer.run().orElseThrow());
        long threads = trainerThreads();

        assertThat(f.fx(() -> f.workspace().closeActive())).isTrue();

        assertThat(run.get(60, TimeUnit.SECONDS).result().stopReason()).isEqualTo(StopReason.STOPPED);
        waitFor(30, () -> trainerThreads() == threads - 1);
        assertThat(f.fx(() -> f.workspace().trainer())).isNull();
        assertThat(f.fx(() -> f.window.trainerPanel().getContent())).isNotInstanceOf(TrainerPanel.class);
    }

    /** The trainer panel's height on screen. */
    private double panelHeight() {
        return f.fx(() -> f.window.trainerPanel().getHeight());
    }

    private Node workbenchDivider(FxRobot robot) {
        return f.fx(() -> robot.lookup("#workbench").queryAs(javafx.scene.Parent.class).getChildrenUnmodifiable().stream()
                .filter(n -> n.getStyleClass().contains("split-pane-divider")).findFirst().orElseThrow());
    }

    /** Whether a node of the window is shown whole inside the window. */
    private boolean shownWhole(Node node) {
        return f.fx(() -> {
            Bounds b = node.localToScene(node.getLayoutBounds());
            return node.isVisible() && node.getScene() != null && b.getHeight() > 0 && b.getMinY() >= 0
                    && b.getMaxY() <= f.window.scene().getHeight();
        });
    }

    @Test
    void thePanelIsEnlargedByDraggingItsEdgeRememberedForTheNextStartAndMaximisedAndRestored(FxRobot robot)
            throws Exception {
        Path data = WindowFixture.tempData();
        f = WindowFixture.open(robot, stage, data);
        open(robot, mlp("Spirals MLP", 3), "spirals");
        double opened = panelHeight();
        Node legend = robot.lookup("#charts-legend").query();
        assertThat(shownWhole(legend)).as("the plots' legend in the panel as it opens").isTrue();

        // Dragging the top edge two thirds of the way up the window.
        Node edge = workbenchDivider(robot);
        Bounds window = f.fx(() -> f.window.root().localToScreen(f.window.root().getLayoutBounds()));
        Point2D from = f.fx(() -> {
            Bounds b = edge.localToScreen(edge.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.drag(from, MouseButton.PRIMARY).moveTo(new Point2D(from.getX(), window.getMinY() + window.getHeight() * 0.3))
                .drop();
        WaitForAsyncUtils.waitForFxEvents();
        double enlarged = panelHeight();
        assertThat(enlarged).isGreaterThan(opened * 1.8);
        assertThat(shownWhole(legend)).isTrue();
        assertThat(f.fx(() -> f.window.trainerPanel().lookup("#accuracy-chart").getBoundsInLocal().getHeight()))
                .as("the plots take the room").isGreaterThan(opened);
        double divider = f.fx(() -> f.window.trainerDivider());
        assertThat(Files.readString(data.resolve("settings.properties")))
                .contains(String.format(java.util.Locale.ROOT, "trainer.divider=%.3f", divider));

        // Maximised: the panel is all there is between the toolbar and the status bar; then restored.
        robot.clickOn("#trainerMaximise");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.window.trainerMaximisedProperty().get())).isTrue();
        assertThat(f.fx(() -> f.window.trainerPanel().isExpanded())).as("the button is not a click on the title").isTrue();
        assertThat(robot.lookup("#sides").tryQuery()).as("palette, canvas and inspector out of view").isEmpty();
        double workbench = f.fx(() -> ((Region) robot.lookup("#workbench").query()).getHeight());
        assertThat(panelHeight()).isGreaterThan(workbench - 2);
        assertThat(shownWhole(legend)).isTrue();
        assertThat(f.text("#trainerMaximise")).isEqualTo("Restore");

        robot.clickOn("#trainerMaximise");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.window.trainerMaximisedProperty().get())).isFalse();
        assertThat(robot.lookup("#sides").tryQuery()).isPresent();
        assertThat(panelHeight()).isCloseTo(enlarged, org.assertj.core.data.Offset.offset(2.0));

        // The next window over the same data folder opens the panel at the height it was dragged to.
        f.close();
        f = WindowFixture.open(robot, stage, data);
        open(robot, mlp("Spirals MLP", 3), "spirals");
        assertThat(f.fx(() -> f.window.trainerDivider())).isCloseTo(divider, org.assertj.core.data.Offset.offset(0.001));
        assertThat(panelHeight()).isCloseTo(enlarged, org.assertj.core.data.Offset.offset(2.0));
    }
}
