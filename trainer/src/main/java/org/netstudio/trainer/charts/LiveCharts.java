package org.netstudio.trainer.charts;

import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The two live charts: loss (training per batch, smoothed; validation per epoch) and accuracy
 * (training and validation per epoch), each marking the best epoch. {@link #show} redraws them
 * from a history; the panel calls it at most once per frame.
 */
public final class LiveCharts extends HBox {

    private final LineChart<Number, Number> loss;
    private final LineChart<Number, Number> accuracy;
    private final NumberAxis lossAxis;
    private final XYChart.Series<Number, Number> trainingLoss = series("Training loss (smoothed)");
    private final XYChart.Series<Number, Number> validationLoss = series("Validation loss");
    private final XYChart.Series<Number, Number> bestLoss = series("Best epoch");
    private final XYChart.Series<Number, Number> trainingAccuracy = series("Training accuracy");
    private final XYChart.Series<Number, Number> validationAccuracy = series("Validation accuracy");
    private final XYChart.Series<Number, Number> bestAccuracy = series("Best epoch");

    /** Empty charts. */
    public LiveCharts() {
        getStyleClass().add("live-charts");
        lossAxis = axis("Loss");
        loss = chart("loss-chart", "Loss", lossAxis);
        // A symbol per batch would be hundreds of nodes; the loss curves are lines, the best epoch a marker.
        loss.setCreateSymbols(false);
        loss.getData().addAll(List.of(trainingLoss, validationLoss, bestLoss));
        NumberAxis acc = axis("Accuracy");
        accuracy = chart("accuracy-chart", "Accuracy", acc);
        accuracy.getData().addAll(List.of(trainingAccuracy, validationAccuracy, bestAccuracy));
        HBox.setHgrow(loss, Priority.ALWAYS);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        getChildren().addAll(loss, accuracy);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static NumberAxis axis(String label) {
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel(label);
        y.setAutoRanging(false);
        y.setForceZeroInRange(true);
        y.setAnimated(false);
        return y;
    }

    private static LineChart<Number, Number> chart(String id, String title, NumberAxis y) {
        NumberAxis x = new NumberAxis();
        x.setLabel("Epoch");
        x.setForceZeroInRange(true);
        x.setAnimated(false);
        x.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.getStyleClass().add("trainer-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinSize(200, 150);
        chart.setPrefSize(420, 260);
        return chart;
    }

    /**
     * Fixes the epoch axis of both charts to {@code [0, epochs]}, so the curves grow from left to
     * right instead of the axis rescaling under them.
     */
    public void setEpochs(int epochs) {
        int max = Math.max(1, epochs);
        double unit = niceStep(max / 10.0);
        for (LineChart<Number, Number> chart : List.of(loss, accuracy)) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setAutoRanging(false);
            x.setLowerBound(0);
            x.setUpperBound(max);
            x.setTickUnit(unit);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return Math.max(1, m * p);
            }
        }
        return 10 * p;
    }

    /** Redraws both charts from a history. */
    public void show(TrainingHistory history) {
        // An empty auto-ranged axis shows 0 to 100; until there is a loss, show 0 to 1 like accuracy.
        lossAxis.setAutoRanging(history.batchCount() > 0);
        set(trainingLoss, history.smoothedLoss());
        set(validationLoss, history.validationLoss());
        set(trainingAccuracy, history.trainingAccuracy());
        set(validationAccuracy, history.validationAccuracy());
        int best = history.bestEpoch();
        set(bestLoss, at(best, history.validationLoss().isEmpty() ? history.smoothedLoss() : history.validationLoss()));
        set(bestAccuracy, at(best, history.validationAccuracy()));
        loss.setTitle(best > 0 ? "Loss · best epoch " + best : "Loss");
        accuracy.setTitle(best > 0 ? "Accuracy · best epoch " + best : "Accuracy");
    }

    /** The point of a per-epoch series at an epoch, or nothing. */
    private static List<ChartPoint> at(int epoch, List<ChartPoint> series) {
        if (epoch < 1) {
            return List.of();
        }
        ChartPoint nearest = null;
        for (ChartPoint p : series) {
            if (nearest == null || Math.abs(p.x() - epoch) < Math.abs(nearest.x() - epoch)) {
                nearest = p;
            }
        }
        return nearest == null ? List.of() : List.of(new ChartPoint(epoch, nearest.y()));
    }

    /**
     * Makes a series show points, changing its existing data in place: a frame then moves a few
     * hundred points instead of making a few hundred new chart nodes.
     */
    private static void set(XYChart.Series<Number, Number> series, List<ChartPoint> points) {
        var data = series.getData();
        int keep = Math.min(data.size(), points.size());
        for (int i = 0; i < keep; i++) {
            XYChart.Data<Number, Number> d = data.get(i);
            ChartPoint p = points.get(i);
            if (d.getXValue().doubleValue() != p.x()) {
                d.setXValue(p.x());
            }
            if (d.getYValue().doubleValue() != p.y()) {
                d.setYValue(p.y());
            }
        }
        if (data.size() > points.size()) {
            data.remove(points.size(), data.size());
        } else if (points.size() > keep) {
            data.addAll(points.subList(keep, points.size()).stream().map(p -> point(series, p)).toList());
        }
    }

    private static XYChart.Data<Number, Number> point(XYChart.Series<Number, Number> series, ChartPoint p) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(p.x(), p.y());
        if ("Best epoch".equals(series.getName())) {
            Region marker = new Region();
            marker.getStyleClass().add("best-marker");
            d.setNode(marker);
        }
        return d;
    }

    /** The loss chart. */
    public LineChart<Number, Number> lossChart() {
        return loss;
    }

    /** The accuracy chart. */
    public LineChart<Number, Number> accuracyChart() {
        return accuracy;
    }
}
