package org.netstudio.trainer.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.trainer.OnFx.read;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.trainer.OnFx;
import org.netstudio.trainer.TrainerPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live charts at the sizes the trainer panel takes, from a short strip under the canvas to
 * the whole window: the legend is always on screen and names the best epoch, and tick labels stay
 * apart on both axes.
 */
@ExtendWith(ApplicationExtension.class)
class LiveChartsGuiTest {

    private LiveCharts charts;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        charts = new LiveCharts();
        OnFx.show(stage, charts, 700, 180, TrainerPanel.class.getResource("trainer.css").toExternalForm());
    }

    /** Resizes the window and lets the charts fit themselves to it (they do after the layout pass). */
    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Ten epochs of a run whose validation loss was lowest at epoch 7. */
    private void showTenEpochs(FxRobot robot) {
        robot.interact(() -> {
            charts.setEpochs(10);
            charts.show(tenEpochs());
        });
    }

    private static TrainingHistory tenEpochs() {
        TrainingHistory h = new TrainingHistory();
        double best = Double.MAX_VALUE;
        for (int e = 1; e <= 10; e++) {
            for (int b = 1; b <= 4; b++) {
                h.add(new TrainingEvent.BatchEnded(e, b, 4, 10, 1.0 / (e + b), OptionalDouble.of(0.5), 32, 0.01,
                        (e - 1) * 128L + b * 32L));
            }
            double validation = e <= 7 ? 1.0 / e : 0.15 + 0.01 * e;
            Metrics training = new Metrics(0.9 / e, OptionalDouble.of(0.5 + e * 0.04), 128, List.of());
            Metrics held = new Metrics(validation, OptionalDouble.of(0.45 + e * 0.04), 32, List.of());
            h.add(new TrainingEvent.EpochEnded(new EpochMetrics(e, training, Optional.of(held), 0.01, 0.1), 10,
                    validation < best));
            best = Math.min(best, validation);
        }
        return h;
    }

    private boolean onScreen(FxRobot robot, Node node) {
        return read(robot, () -> {
            Bounds b = node.localToScene(node.getLayoutBounds());
            return node.isVisible() && b.getHeight() > 0 && b.getMinY() >= 0
                    && b.getMaxY() <= stage.getScene().getHeight() + 0.5;
        });
    }

    /** The least distance between two neighbouring tick labels of an axis, in pixels. */
    private static double tickGap(Axis<Number> axis) {
        List<Double> at = axis.getTickMarks().stream().filter(Axis.TickMark::isTextVisible)
                .map(Axis.TickMark::getPosition).sorted().toList();
        double gap = Double.MAX_VALUE;
        for (int i = 1; i < at.size(); i++) {
            gap = Math.min(gap, at.get(i) - at.get(i - 1));
        }
        return gap;
    }

    @Test
    void aShortStripKeepsTheLegendAndSpacedTicksAndATallPanelAddsTitles(FxRobot robot) {
        showTenEpochs(robot);
        resize(robot, 700, 180);
        Label best = robot.lookup("#charts-legend .legend-entry").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().startsWith("Best epoch")).findFirst().orElseThrow();
        Node legend = robot.lookup("#charts-legend").query();
        LineChart<Number, Number> accuracy = charts.accuracyChart();

        assertThat(onScreen(robot, legend)).as("the legend, in a 180 px strip").isTrue();
        assertThat(read(robot, best::getText)).isEqualTo("Best epoch 7");
        assertThat(read(robot, accuracy::getTitle)).as("no room for a title").isNull();
        double shortGap = read(robot, () -> tickGap(accuracy.getYAxis()));
        assertThat(shortGap).isGreaterThanOrEqualTo(LiveCharts.Y_TICK_SPACING);
        assertThat(read(robot, () -> tickGap(accuracy.getXAxis()))).isGreaterThanOrEqualTo(LiveCharts.X_TICK_SPACING);

        resize(robot, 700, 800);
        assertThat(onScreen(robot, legend)).as("the legend, in the whole window").isTrue();
        assertThat(read(robot, accuracy::getTitle)).isEqualTo("Accuracy");
        assertThat(read(robot, () -> accuracy.getXAxis().getLabel())).isEqualTo("Epoch");
        assertThat(read(robot, () -> ((NumberAxis) accuracy.getYAxis()).getTickUnit()))
                .as("finer ticks with the room for them").isEqualTo(0.1);
        assertThat(read(robot, () -> tickGap(accuracy.getYAxis()))).isGreaterThanOrEqualTo(LiveCharts.Y_TICK_SPACING);

        resize(robot, 460, 180);
        assertThat(onScreen(robot, legend)).as("the legend, narrow and short").isTrue();
        assertThat(read(robot, () -> tickGap(accuracy.getXAxis()))).isGreaterThanOrEqualTo(LiveCharts.X_TICK_SPACING);
    }

    @Test
    void theLearningRateOfEveryBatchIsPlottedWhenThereIsRoomForIt(FxRobot robot) {
        showTenEpochs(robot);
        resize(robot, 700, 800);
        LineChart<Number, Number> rate = charts.learningRateChart();

        assertThat(onScreen(robot, rate)).as("the learning-rate chart in a tall panel").isTrue();
        assertThat(read(robot, () -> rate.getData().get(0).getData().size())).isEqualTo(40);
        assertThat(read(robot, () -> rate.getData().get(0).getData().get(0).getYValue().doubleValue())).isEqualTo(0.01);

        resize(robot, 700, 180);
        assertThat(read(robot, rate::isVisible)).as("no room in a short strip").isFalse();
    }
}
