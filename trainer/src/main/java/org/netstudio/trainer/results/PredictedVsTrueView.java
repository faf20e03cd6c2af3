package org.netstudio.trainer.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import org.netstudio.engine.metrics.PredictedVsTrue;
import org.netstudio.engine.metrics.RegressionSums;

/**
 * A regression's predictions plotted against the true values, with the line where they are equal
 * drawn as a row of small marks: points on it are right, points above it predicted too high. Both
 * axes share one range so that the line runs corner to corner.
 */
public final class PredictedVsTrueView extends ScatterChart<Number, Number> {

    /** The most points drawn; each is a scene-graph node. */
    static final int MAX_DRAWN = 600;
    private static final int LINE_MARKS = 40;

    /** A chart of the pairs. */
    public PredictedVsTrueView(PredictedVsTrue pairs) {
        super(new NumberAxis(), new NumberAxis());
        setId("predicted-vs-true");
        getStyleClass().add("predicted-vs-true");
        setAnimated(false);
        setLegendVisible(false);
        setPrefSize(420, 320);
        setMinHeight(220);
        float[] predicted = new float[pairs.size()];
        float[] truth = new float[pairs.size()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pairs.size(); i++) {
            truth[i] = pairs.truth(i);
            predicted[i] = pairs.predicted(i);
            lo = Math.min(lo, Math.min(truth[i], predicted[i]));
            hi = Math.max(hi, Math.max(truth[i], predicted[i]));
        }
        RegressionSums sums = RegressionSums.of(predicted, truth);
        setTitle(String.format(Locale.ROOT, "Predicted against true · R² %.3f · mean absolute error %.4g",
                sums.rSquared(), sums.meanAbsoluteError()));
        if (pairs.size() > 0) {
            double pad = Math.max(1e-6, (hi - lo) * 0.05);
            axis(getXAxis(), "True value", lo - pad, hi + pad);
            axis(getYAxis(), "Predicted", lo - pad, hi + pad);
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName("Prediction = truth");
            for (int i = 0; i <= LINE_MARKS; i++) {
                double v = lo + (hi - lo) * i / LINE_MARKS;
                line.getData().add(new XYChart.Data<>(v, v));
            }
            XYChart.Series<Number, Number> points = new XYChart.Series<>();
            points.setName("Examples");
            int step = Math.max(1, (pairs.size() + MAX_DRAWN - 1) / MAX_DRAWN);
            List<XYChart.Data<Number, Number>> data = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i += step) {
                data.add(new XYChart.Data<>(truth[i], predicted[i]));
            }
            points.getData().setAll(data);
            getData().setAll(List.of(line, points));
        }
    }

    private static void axis(javafx.scene.chart.Axis<Number> a, String label, double lo, double hi) {
        NumberAxis axis = (NumberAxis) a;
        axis.setLabel(label);
        axis.setAutoRanging(false);
        axis.setLowerBound(lo);
        axis.setUpperBound(hi);
        axis.setTickUnit(niceUnit((hi - lo) / 6));
        axis.setAnimated(false);
    }

    private static double niceUnit(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-12))));
        for (double m : new double[] {1, 2, 5}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
