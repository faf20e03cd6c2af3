package org.netstudio.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.trainer.OnFx.read;
import static org.netstudio.trainer.OnFx.waitFor;
import static org.netstudio.trainer.OnFx.typeInto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.train.StopReason;
import org.netstudio.trainer.results.Outcome;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The trainer panel on a stage, driven with the mouse and keyboard (headless through Monocle). */
@ExtendWith(ApplicationExtension.class)
class TrainerPanelGuiTest {

    private TrainerPanelModel model;

    @Start
    void start(Stage stage) {
        model = new TrainerPanelModel();
        model.netProperty().set(TestNets.spirals());
        OnFx.show(stage, new TrainerPanel(model), 1400, 620);
    }

    private void chooseSpirals(FxRobot robot) throws Exception {
        OnFx.chooseSpirals(robot, model);
        assertThat(read(robot, () -> robot.lookup("#data-message").queryAs(Label.class).getText()))
                .isEqualTo("900 examples · 2 features · 3 classes");
        assertThat(robot.lookup("#preview-scatter").tryQuery()).isPresent();
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.chart.XYChart.Series<Number, Number> lossSeries(FxRobot robot) {
        return ((LineChart<Number, Number>) robot.lookup("#loss-chart").query()).getData().get(0);
    }

    @SuppressWarnings("unchecked")
    private static int points(FxRobot robot, String chart, int series) {
        return read(robot, () -> ((LineChart<Number, Number>) robot.lookup(chart).query())
                .getData().get(series).getData().size());
    }

    @SuppressWarnings("unchecked")
    private static double lastValue(FxRobot robot, String chart, int series) {
        return read(robot, () -> {
            var data = ((LineChart<Number, Number>) robot.lookup(chart).query()).getData().get(series).getData();
            return data.isEmpty() ? 0 : data.get(data.size() - 1).getYValue().doubleValue();
        });
    }

    private static boolean disabled(FxRobot robot, String query) {
        return read(robot, () -> robot.lookup(query).query().isDisabled());
    }

    @Test
    void trainingTheSpiralsMlpPlotsLossAndPassesNinetyFivePercentThenShowsItsConfusionMatrix(FxRobot robot)
            throws Exception {
        chooseSpirals(robot);
        // Small batches and many epochs: a few seconds of training, long enough to watch.
        typeInto(robot, "#epochs", "50");
        typeInto(robot, "#batch-size", "16");
        assertThat(points(robot, "#loss-chart", 0)).isZero();
        // Where the training-loss curve has reached, in epochs, each time the test looks.
        List<Double> reached = new java.util.ArrayList<>();
        robot.clickOn("#train");

        waitFor(120, () -> read(robot, () -> {
            var data = lossSeries(robot).getData();
            double x = data.isEmpty() ? 0 : data.get(data.size() - 1).getXValue().doubleValue();
            if (x > 0 && (reached.isEmpty() || reached.get(reached.size() - 1) != x)) {
                reached.add(x);
            }
            return model.outcomeProperty().get() != null;
        }));
        assertThat(reached).as("the loss chart gained points over several frames").hasSizeGreaterThan(2)
                .isSorted().last().isEqualTo(50.0);
        assertThat(reached.get(0)).isLessThan(50.0);
        assertThat(points(robot, "#loss-chart", 0)).isGreaterThan(100);
        assertThat(points(robot, "#loss-chart", 1)).as("a validation loss per epoch").isEqualTo(50);
        assertThat(lastValue(robot, "#accuracy-chart", 1)).as("validation accuracy").isGreaterThan(0.95);
        assertThat(points(robot, "#accuracy-chart", 2)).as("the best epoch is marked").isEqualTo(1);
        assertThat(read(robot, () -> model.boundaryProperty().get())).isNotNull();

        // The results: 20% of 900 points held back for validation, all of them in the matrix.
        assertThat(read(robot, () -> robot.lookup("#confusion-total").queryAs(Label.class).getText()))
                .matches("180 examples · macro F1 0\\.9\\d\\d · weighted F1 0\\.9\\d\\d|180 examples · macro F1 1\\.000 .*");
        assertThat(read(robot, () -> Double.parseDouble(robot.lookup("#class-f1-0").queryAs(Label.class).getText())))
                .as("class 0's F1 beside its row").isGreaterThan(0.9);

        // The right-hand chart plots the measure picked above it: macro F1 per epoch.
        robot.clickOn("#measure-choice");
        robot.clickOn("Macro F1");
        assertThat(points(robot, "#accuracy-chart", 1)).as("validation macro F1 per epoch").isEqualTo(50);
        assertThat(lastValue(robot, "#accuracy-chart", 1)).as("validation macro F1").isGreaterThan(0.9);
        assertThat(read(robot, () -> ((javafx.scene.chart.NumberAxis) robot.lookup("#accuracy-chart")
                .queryAs(javafx.scene.chart.LineChart.class).getYAxis()).getLabel())).isEqualTo("Macro F1");
        List<Long> cells = read(robot, () -> robot.lookup("#confusion-matrix .cm-count").queryAll().stream()
                .map(n -> Long.parseLong(((Label) n).getText())).toList());
        assertThat(cells).hasSize(9);
        assertThat(cells.stream().mapToLong(Long::longValue).sum()).isEqualTo(180);
        assertThat(read(robot, () -> robot.lookup("#result-accuracy").queryAs(Label.class).getText()))
                .matches("9\\d\\.\\d% on .*|100\\.0% on .*");
    }

    @Test
    void aRegressionPlotsRSquaredLiveAndShowsItsPredictionsAgainstTheTruth(FxRobot robot) throws Exception {
        robot.interact(() -> model.netProperty().set(TestNets.linearRegression()));
        robot.clickOn("#data-source");
        robot.clickOn("Linear regression");
        waitFor(60, () -> read(robot, () -> model.dataProperty().get() != null
                && !model.dataStatusProperty().get().loading()));
        typeInto(robot, "#epochs", "15");
        robot.clickOn("#train");
        waitFor(120, () -> read(robot, () -> model.outcomeProperty().get() != null));

        // Accuracy means nothing for real numbers: the right chart starts on R², which climbs towards 1.
        assertThat(read(robot, () -> robot.lookup("#measure-choice").queryAs(javafx.scene.control.ChoiceBox.class)
                .getValue())).isEqualTo(org.netstudio.engine.metrics.Measure.R_SQUARED);
        assertThat(points(robot, "#accuracy-chart", 1)).as("validation R² per epoch").isEqualTo(15);
        assertThat(lastValue(robot, "#accuracy-chart", 1)).isGreaterThan(0.95);
        assertThat(read(robot, () -> robot.lookup("#result-measures").queryAs(Label.class).getText()))
                .contains("Mean absolute error").contains("R² 0.9");
        // 20% of 2,000 examples held back, each a point against the line where prediction equals truth.
        var chart = read(robot, () -> (javafx.scene.chart.ScatterChart<?, ?>) robot.lookup("#predicted-vs-true").query());
        assertThat(read(robot, () -> chart.getData().get(1).getData().size())).isEqualTo(400);
        assertThat(read(robot, chart::getTitle)).matches("Predicted against true · R² 0\\.9\\d\\d · .*");
    }

    @Test
    void stoppingALongRunGivesANetThatEvaluates(FxRobot robot) throws Exception {
        chooseSpirals(robot);
        typeInto(robot, "#epochs", "5000");
        robot.clickOn("#train");
        waitFor(60, () -> read(robot, () -> model.curvesProperty().get().history().epochs().size() >= 2));
        assertThat(disabled(robot, "#stop")).isFalse();
        assertThat(read(robot, () -> robot.lookup("#progress-text").queryAs(Label.class).getText()))
                .matches("Epoch \\d+/5000 · batch \\d+/23 · [\\d,]+ samples/s · [\\d:]+ left");

        robot.clickOn("#stop");

        waitFor(60, () -> read(robot, () -> model.outcomeProperty().get() != null));
        Outcome outcome = read(robot, () -> model.outcomeProperty().get());
        assertThat(outcome.result().stopReason()).isEqualTo(StopReason.STOPPED);
        assertThat(outcome.result().epochsCompleted()).isLessThan(5000);
        assertThat(read(robot, () -> robot.lookup("#progress").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress())).as("the bar shows the share that ran, not all of it").isLessThan(0.5);
        assertThat(read(robot, () -> robot.lookup("#result-headline").queryAs(Label.class).getText()))
                .startsWith("Training stopped");
        assertThat(read(robot, () -> robot.lookup("#result-accuracy").queryAs(Label.class).getText()))
                .matches("\\d+\\.\\d% on .*");
        try (NetRunner runner = outcome.trained().runner()) {
            float[] p = runner.predict(new float[] {0.1f, 0.2f}).get(0).values();
            assertThat(p).hasSize(3);
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(disabled(robot, "#train")).as("Train again after a stop").isFalse();
    }

    @Test
    void whyTrainIsDisabledWrapsOntoLinesOfItsOwnAndIsShownWhole(FxRobot robot, @TempDir Path dir) throws Exception {
        // A table whose long name the engine quotes in why it does not fit the net.
        Path csv = dir.resolve("measurements of the two spiral arms taken in the afternoon session, "
                + "calibrated against the reference points and exported from the laboratory notebook.csv");
        StringBuilder rows = new StringBuilder("x,y,arm\n");
        for (int i = 0; i < 30; i++) {
            rows.append(i * 0.1).append(',').append(1 - i * 0.1).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(csv, rows);
        robot.interact(() -> {
            model.netProperty().set(TestNets.imageMlp());
            model.choiceProperty().set(new DataChoice(DatasetSource.CSV, csv, null));
        });
        waitFor(60, () -> read(robot, () -> model.dataProperty().get() != null
                && !model.fitProperty().get().fits()));

        Label blocked = robot.lookup("#train-blocked").queryAs(Label.class);
        String said = read(robot, blocked::getText);
        assertThat(said).isEqualTo(read(robot, () -> model.fitProperty().get().problem())).contains("laboratory notebook");
        // Whole: the text drawn is the text said, with no ellipsis, on several lines inside the window.
        assertThat(read(robot, () -> ((javafx.scene.text.Text) blocked.lookup(".text")).getText())).isEqualTo(said);
        assertThat(read(robot, () -> blocked.getHeight() > 2 * blocked.getFont().getSize())).as(said).isTrue();
        assertThat(read(robot, () -> blocked.localToScene(blocked.getLayoutBounds()).getMaxX()))
                .isLessThanOrEqualTo(read(robot, () -> blocked.getScene().getWidth()));
        assertThat(read(robot, () -> robot.lookup("#trainer-message").query().isManaged()))
                .as("no empty line for a message not said").isFalse();
    }

    @Test
    void anInvalidLearningRateIsExplainedAndDisablesTrain(FxRobot robot) throws Exception {
        chooseSpirals(robot);
        assertThat(disabled(robot, "#train")).isFalse();

        typeInto(robot, "#learning-rate", "-1");

        Node message = robot.lookup("#learning-rate-message").query();
        assertThat(read(robot, message::isVisible)).isTrue();
        assertThat(read(robot, () -> ((Label) message).getText()))
                .isEqualTo("The learning rate must be more than 0 and at most 10, but was -1");
        assertThat(disabled(robot, "#train")).isTrue();
        assertThat(read(robot, () -> robot.lookup("#train-blocked").queryAs(Label.class).getText()))
                .startsWith("The learning rate must be");

        typeInto(robot, "#learning-rate", "0.05");
        assertThat(read(robot, message::isVisible)).isFalse();
        assertThat(disabled(robot, "#train")).isFalse();
        assertThat(read(robot, () -> robot.lookup("#train").queryAs(Button.class).getText())).isEqualTo("Train");
    }
}
