package org.netstudio.trainer.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.trainer.OnFx.read;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.chart.ScatterChart;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.sweep.TrialResult;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.trainer.OnFx;
import org.netstudio.trainer.TestNets;
import org.netstudio.trainer.TrainerPanel;
import org.netstudio.trainer.TrainerPanelModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A small sweep run from the trainer panel's Sweep tab, driven with the mouse and keyboard. */
@ExtendWith(ApplicationExtension.class)
class SweepViewGuiTest {

    private TrainerPanelModel model;
    private final AtomicReference<TrainedNet> used = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        model = new TrainerPanelModel();
        model.netProperty().set(TestNets.spirals());
        model.setOnUseTrained(used::set);
        OnFx.show(stage, new TrainerPanel(model), 1400, 620);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSmallSweepFillsTheTableMarksTheBestAndUseBestHandsItsNetOver(FxRobot robot) throws Exception {
        OnFx.chooseSpirals(robot, model);
        OnFx.typeInto(robot, "#epochs", "4");
        robot.clickOn("#sweep");
        assertThat(robot.lookup("#sweep-view").tryQuery()).isPresent();
        // The first row offers the learning rate on a log scale; narrow it and add the first layer's units.
        OnFx.typeInto(robot, "#sweep-values-0", "1e-3..1e-1");
        robot.clickOn("#sweep-add");
        OnFx.typeInto(robot, "#sweep-name-1", "linear1.units");
        OnFx.typeInto(robot, "#sweep-values-1", "8,48");
        OnFx.typeInto(robot, "#sweep-trials .text-field", "6");
        robot.push(KeyCode.ENTER);
        TableView<TrialResult> table = sweepToTheEnd(robot);

        assertThat(read(robot, () -> table.getItems().size())).isEqualTo(6);
        assertThat(read(robot, () -> table.getColumns().stream().map(c -> c.getText()).toList()))
                .containsExactly("Trial", "learningRate", "linear1.units", "Val loss", "Val acc", "Epochs", "Status");
        // Exactly one row is marked best, the one with the highest validation accuracy.
        var marked = read(robot, () -> robot.lookup(".best-trial").queryAll().stream()
                .map(n -> ((TableRow<TrialResult>) n).getItem()).toList());
        assertThat(marked).hasSize(1);
        TrialResult best = marked.get(0);
        assertThat(table.getItems()).allSatisfy(r -> assertThat(r.betterThan(best)).isFalse());
        assertThat(read(robot, () -> table.getColumns().get(0).getCellData(best))).isEqualTo("★ " + best.trial().number());
        assertThat(read(robot, () -> robot.lookup("#sweep-message").queryAs(Label.class).getText()))
                .startsWith("Best: trial " + best.trial().number() + ", learningRate=");
        ScatterChart<Number, Number> plot = robot.lookup("#sweep-plot").queryAs(ScatterChart.class);
        assertThat(read(robot, () -> plot.getData().get(0).getData().size() + plot.getData().get(1).getData().size()))
                .isEqualTo((int) table.getItems().stream().filter(TrialResult::ranked).count());
        assertThat(read(robot, () -> plot.getData().get(1).getData().size())).isEqualTo(1);

        robot.clickOn("#sweep-use-best");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(used.get()).isNotNull();
        Layer linear1 = (Layer) NetPaths.find(used.get().net(), NodePath.of("linear1")).orElseThrow();
        assertThat(linear1.params().getInt("units")).isEqualTo(best.trial().values().get("linear1.units"));
        assertThat(used.get().weights().isEmpty()).isFalse();
        assertThat(read(robot, () -> robot.lookup("#sweep-message").queryAs(Label.class).getText()))
                .isEqualTo("The best trial's values and weights were put into the net.");
    }

    @Test
    void aWrongRowIsExplainedAndNothingStarts(FxRobot robot) throws Exception {
        OnFx.chooseSpirals(robot, model);
        robot.clickOn("#sweep");
        OnFx.typeInto(robot, "#sweep-name-0", "learnRate");
        robot.clickOn("#sweep-start");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(read(robot, () -> robot.lookup("#sweep-message").queryAs(Label.class).getText()))
                .startsWith("'learnRate' in 'learnRate=1e-4..1e-1:log' is neither an option nor a layer parameter")
                .endsWith("did you mean learningRate?");
        assertThat(read(robot, () -> robot.lookup("#sweep-stop").query().isDisabled())).isTrue();
    }

    @Test
    void withoutEarlyStoppingEveryTrialTrainsAllItsEpochs(FxRobot robot) throws Exception {
        OnFx.chooseSpirals(robot, model);
        OnFx.typeInto(robot, "#epochs", "3");
        robot.clickOn("#sweep");
        // A range with learning rates far too small: the median rule would stop some of them.
        OnFx.typeInto(robot, "#sweep-values-0", "1e-6..1e-1");
        OnFx.typeInto(robot, "#sweep-trials .text-field", "6");
        robot.push(KeyCode.ENTER);
        robot.clickOn("#sweep-pruning");
        TableView<TrialResult> table = sweepToTheEnd(robot);

        assertThat(read(robot, () -> table.getItems().size())).isEqualTo(6);
        assertThat(table.getItems()).allSatisfy(r -> {
            assertThat(r.epochs()).isEqualTo(3);
            assertThat(r.status()).isEqualTo(org.netstudio.engine.sweep.TrialStatus.COMPLETED);
        });
    }

    /** Starts the sweep and waits until it has ended (its best trial can be used); its table. */
    @SuppressWarnings("unchecked")
    private static TableView<TrialResult> sweepToTheEnd(FxRobot robot) throws Exception {
        robot.clickOn("#sweep-start");
        OnFx.waitFor(120, () -> read(robot, () -> !robot.lookup("#sweep-use-best").query().isDisabled()));
        return robot.lookup("#sweep-table").queryAs(TableView.class);
    }
}
