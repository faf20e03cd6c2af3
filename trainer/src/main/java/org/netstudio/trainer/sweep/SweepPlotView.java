package org.netstudio.trainer.sweep;

import java.util.List;
import java.util.Optional;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import org.netstudio.engine.sweep.TrialResult;

/**
 * A varied value against the validation result, one point per trial with a result: accuracy for
 * class targets, else loss; the best trial in a series of its own. A value that spans more than
 * two decades is drawn on a log scale (log10), as a learning rate is.
 */
final class SweepPlotView extends ScatterChart<Number, Number> {

    SweepPlotView() {
        super(new NumberAxis(), new NumberAxis());
        setId("sweep-plot");
        setAnimated(false);
        setLegendVisible(true);
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
    }

    /** Draws the rows against the value of {@code name}. */
    void show(List<TrialResult> rows, String name, Optional<TrialResult> best) {
        getData().clear();
        if (name == null) {
            return;
        }
        boolean accuracy = rows.stream().anyMatch(r -> r.ranked() && r.validationAccuracy().isPresent());
        List<TrialResult> shown = rows.stream().filter(TrialResult::ranked)
                .filter(r -> r.trial().values().get(name) instanceof Number).toList();
        double min = shown.stream().mapToDouble(r -> value(r, name)).min().orElse(1);
        double max = shown.stream().mapToDouble(r -> value(r, name)).max().orElse(1);
        boolean log = min > 0 && max / min > 100;
        getXAxis().setLabel(log ? "log10 " + name : name);
        getYAxis().setLabel(accuracy ? "val acc (%)" : "val loss");
        XYChart.Series<Number, Number> trials = new XYChart.Series<>();
        trials.setName("trials");
        XYChart.Series<Number, Number> top = new XYChart.Series<>();
        top.setName("best");
        for (TrialResult r : shown) {
            double x = log ? Math.log10(value(r, name)) : value(r, name);
            double y = accuracy ? 100 * r.validationAccuracy().orElse(0) : r.validationLoss();
            (best.isPresent() && best.get() == r ? top : trials).getData().add(new XYChart.Data<>(x, y));
        }
        getData().add(trials);
        getData().add(top);
    }

    private static double value(TrialResult r, String name) {
        return ((Number) r.trial().values().get(name)).doubleValue();
    }
}
