package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.document.RunsFolder;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunStatus;
import org.netstudio.engine.runs.RunStore;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerState;
import org.netstudio.trainer.runs.RunDifferences;
import org.netstudio.trainer.runs.RunsView;
import org.testfx.api.FxRobot;

/**
 * Every training in the trainer panel is recorded, and View › Runs compares them: two trainings
 * of one net with different learning rates show as two runs, selected together their curves
 * overlay and the learning rate is listed as what differs; a run's weights go into the net as an
 * undoable edit, its net opens in a new tab, and a run is deleted after a confirmation.
 */
class RunsInTheWindowTest extends InTheWindowTest {

    @TempDir
    Path runs;
    private String before;

    @BeforeEach
    void recordIntoATemporaryFolder() {
        before = System.getProperty(RunsFolder.PROPERTY);
        System.setProperty(RunsFolder.PROPERTY, runs.toString());
    }

    @AfterEach
    void restoreTheFolder() {
        if (before == null) {
            System.clearProperty(RunsFolder.PROPERTY);
        } else {
            System.setProperty(RunsFolder.PROPERTY, before);
        }
    }

    private static NetDocument mlp() {
        return new NetDocument("Runs MLP", Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 16), Layer.of("Ramp"), Layer.of("Linear", "units", 3), Layer.of("Softmax")),
                null);
    }

    private void waitFor(BooleanSupplier condition) throws Exception {
        waitFor(120, condition);
    }

    private void trainAgainWithRate(FxRobot robot, TrainerPanelModel trainer, String rate) throws Exception {
        robot.interact(() -> ScrollIntoView.of(robot.lookup("#epochs").query()));
        robot.clickOn("#learning-rate");
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(rate);
        robot.clickOn("#train");
        waitFor(() -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));
    }

    /** With -Druns.shots=DIR, a picture of the Runs window for looking at it (not an assertion). */
    private void shoot() {
        String dir = System.getProperty("runs.shots");
        if (dir != null) {
            f.robot.interact(() -> {
                try {
                    org.netstudio.canvas.export.PngExport.write(
                            f.workspace().runsWindow().stage().getScene().snapshot(null), Path.of(dir, "runs.png"));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void twoTrainingsInThePanelAreComparedInTheRunsView(FxRobot robot) throws Exception {
        openWindow(robot);
        TrainerPanelModel trainer = f.trainInPanel(mlp(), "Spirals", 3);
        waitFor(() -> f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));
        trainAgainWithRate(robot, trainer, "0.03");
        List<RunRecord> recorded = RunStore.at(runs).list();
        assertThat(recorded).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.origin()).isEqualTo("panel");
            assertThat(r.epochs()).isEqualTo(3);
        });

        robot.clickOn("View").clickOn("Runs…");
        RunsView view = f.fx(() -> f.workspace().runsWindow().view());
        waitFor(() -> f.fx(() -> view.table().getItems().size() == 2));
        assertThat(robot.lookup("#runsTitle").queryAs(Label.class).getText()).isEqualTo("Runs of Runs MLP");
        robot.interact(() -> view.table().getSelectionModel().selectAll());

        assertThat(f.fx(() -> view.lossChart().getData().size())).as("one loss curve per run").isEqualTo(2);
        assertThat(f.fx(() -> view.accuracyChart().getData().size())).isEqualTo(2);
        assertThat(f.fx(() -> view.lossChart().getData().get(0).getData().size())).as("a point per epoch").isEqualTo(3);
        List<RunDifferences.Row> differences = f.fx(view::differences);
        assertThat(differences).extracting(RunDifferences.Row::name).containsExactly("learningRate");
        assertThat(differences.get(0).values()).containsExactly("0.03", "0.003");
        assertThat(robot.lookup("#runsDifferences .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("learningRate", "0.03", "0.003");
        shoot();

        // Resume the newer run for two more epochs in the panel: the same record goes on.
        RunRecord newer = f.fx(() -> view.table().getItems().get(0));
        robot.interact(() -> robot.lookup("#epochs").queryAs(javafx.scene.control.TextField.class).setText("5"));
        robot.interact(() -> {
            view.table().getSelectionModel().clearSelection();
            view.table().getSelectionModel().select(newer);
        });
        robot.clickOn("#runsResume");
        RunStore store = RunStore.at(runs);
        waitFor(() -> store.find(newer.id()).map(r -> r.status() == RunStatus.COMPLETED && r.epochs() == 5)
                .orElse(false) && f.fx(() -> trainer.stateProperty().get() == TrainerState.FINISHED));
        RunRecord resumed = store.find(newer.id()).orElseThrow();
        assertThat(resumed.resumes()).isEqualTo(1);
        assertThat(resumed.epochRows()).extracting(org.netstudio.engine.runs.EpochRow::epoch).containsExactly(1, 2, 3, 4, 5);
        assertThat(store.list()).hasSize(2);

        // Use the older run's weights in the net in front: one undoable edit.
        RunRecord older = f.fx(() -> view.table().getItems().get(1));
        robot.interact(() -> {
            view.table().getSelectionModel().clearSelection();
            view.table().getSelectionModel().select(older);
        });
        int depth = f.undoDepth();
        robot.clickOn("#runsUseWeights");
        assertThat(f.undoDepth()).isEqualTo(depth + 1);
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().weights().orElseThrow()))
                .isEqualTo(Safetensors.read(older.bestWeights().orElseThrow()));

        // Open its net: a new untitled tab with the run's best weights.
        int tabs = f.fx(() -> f.window.canvasTabs().getTabs().size());
        robot.clickOn("#runsOpenNet");
        assertThat(f.fx(() -> f.window.canvasTabs().getTabs().size())).isEqualTo(tabs + 1);
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().title())).contains("(run " + older.id() + ")");

        // Delete it, after saying yes.
        robot.interact(() -> {
            f.workspace().runsWindow().show();
            view.table().getSelectionModel().clearSelection();
            view.table().getSelectionModel().select(older);
        });
        robot.clickOn("#runsDelete");
        robot.clickOn("OK");
        waitFor(() -> f.fx(() -> view.table().getItems().size() == 1));
        assertThat(Files.exists(older.folder())).isFalse();
    }
}
