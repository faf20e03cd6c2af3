package org.netstudio.trainer.charts;

import java.util.List;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.trainer.options.LabelConverter;

/**
 * The two live charts: loss (training per batch, smoothed; validation per epoch) and a measure the
 * person picks above it — accuracy by default, or top-5 accuracy and macro F1 for classes, mean
 * squared or absolute error and R² for real numbers (training and validation per epoch) — each
 * marking the best epoch. {@link #show} redraws them from a history; the panel calls it at most
 * once per frame.
 *
 * <p>The charts stay readable at every size the panel takes. Their one legend is a row of its own
 * above them (a chart hides its built-in legend, and its title, when they would leave its plot less
 * than 150 pixels), wrapping when narrow, and it names the best epoch. A chart drops its title and
 * then the epoch axis's label when it is short, and both axes space their tick labels by the room
 * they have.
 */
public final class LiveCharts extends VBox {

    /** Below this height a chart shows no title: the plot keeps the room. */
    static final double COMPACT_HEIGHT = 240;
    /** Below this height the epoch axis shows its numbers without its label as well. */
    static final double TINY_HEIGHT = 180;
    /** The least room between two tick labels of the accuracy (and the empty loss) axis, in pixels. */
    static final double Y_TICK_SPACING = 30;
    /** The least room between two tick labels of the epoch axis, in pixels. */
    static final double X_TICK_SPACING = 44;
    private static final String BEST = "Best epoch";
    /** From this height on the learning rate gets a chart of its own under the others. */
    static final double RATE_CHART_HEIGHT = 380;

    private final LineChart<Number, Number> loss;
    private final LineChart<Number, Number> accuracy;
    private final NumberAxis lossAxis;
    private final NumberAxis accuracyAxis;
    private final XYChart.Series<Number, Number> trainingLoss = series("Training loss (smoothed)");
    private final XYChart.Series<Number, Number> validationLoss = series("Validation loss");
    private final XYChart.Series<Number, Number> bestLoss = series(BEST);
    private final XYChart.Series<Number, Number> trainingAccuracy = series("Training accuracy");
    private final XYChart.Series<Number, Number> validationAccuracy = series("Validation accuracy");
    private final XYChart.Series<Number, Number> bestAccuracy = series(BEST);
    private final Label bestEntry = legendEntry(BEST, "best");
    private final ChoiceBox<Measure> measure = new ChoiceBox<>();
    /** The learning rate per batch: where a schedule (one-cycle, warm-up…) shows its shape. */
    private final LineChart<Number, Number> rate;
    private final XYChart.Series<Number, Number> learningRate = series("Learning rate");
    private int epochs = 1;
    private TrainingHistory shown;
    /** True while the choices are being replaced, when a change of the value is not the person's. */
    private boolean offering;
    private boolean fitting;

    /** Empty charts. */
    public LiveCharts() {
        getStyleClass().add("live-charts");
        lossAxis = axis("Loss");
        loss = chart("loss-chart", "Loss", lossAxis);
        // A symbol per batch would be hundreds of nodes; the loss curves are lines, the best epoch a marker.
        loss.setCreateSymbols(false);
        loss.getData().addAll(List.of(trainingLoss, validationLoss, bestLoss));
        accuracyAxis = axis("Accuracy");
        accuracy = chart("accuracy-chart", "Accuracy", accuracyAxis);
        accuracy.getData().addAll(List.of(trainingAccuracy, validationAccuracy, bestAccuracy));
        HBox.setHgrow(loss, Priority.ALWAYS);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        HBox charts = new HBox(loss, accuracy);
        VBox.setVgrow(charts, Priority.ALWAYS);
        // The training loss is per batch and smoothed, the rest per epoch; the tooltips say so.
        Label training = legendEntry("Training", "training");
        training.setTooltip(new Tooltip("Training loss per batch (smoothed) and training accuracy per epoch"));
        Label validation = legendEntry("Validation", "validation");
        validation.setTooltip(new Tooltip("Loss and accuracy on the held-back examples, per epoch"));
        bestEntry.setTooltip(new Tooltip("The epoch with the lowest validation loss: its weights are the result"));
        measure.setId("measure-choice");
        measure.setTooltip(new Tooltip("What the right-hand chart plots per epoch"));
        measure.setConverter(new LabelConverter<>(Measure::label));
        measure.getItems().setAll(Measure.ACCURACY);
        measure.setValue(Measure.ACCURACY);
        measure.valueProperty().addListener((o, was, now) -> {
            if (now != null && !offering) {
                showMeasure(now);
                if (shown != null) {
                    show(shown);
                }
            }
        });
        Label chartOf = new Label("Right chart:");
        chartOf.getStyleClass().add("legend-entry");
        FlowPane legend = new FlowPane(training, validation, bestEntry, chartOf, measure);
        legend.setId("charts-legend");
        legend.getStyleClass().add("charts-legend");
        NumberAxis rateAxis = new NumberAxis();
        rateAxis.setLabel("Rate");
        rateAxis.setAnimated(false);
        rateAxis.setMinorTickVisible(false);
        rateAxis.setForceZeroInRange(true);
        rate = chart("learning-rate-chart", "Learning rate", rateAxis);
        rate.setCreateSymbols(false);
        rate.setTitle(null);
        rate.getXAxis().setLabel(null);
        rate.setMinHeight(80);
        rate.setPrefHeight(110);
        rate.getData().add(learningRate);
        // Only where there is room: in a short strip the loss and accuracy keep it all.
        rate.visibleProperty().bind(heightProperty().greaterThanOrEqualTo(RATE_CHART_HEIGHT));
        rate.managedProperty().bind(rate.visibleProperty());
        getChildren().addAll(legend, charts, rate);
        InvalidationListener resized = o -> fitLater();
        for (LineChart<Number, Number> chart : List.of(loss, accuracy)) {
            chart.heightProperty().addListener(resized);
            chart.getXAxis().widthProperty().addListener(resized);
            chart.getYAxis().heightProperty().addListener(resized);
        }
    }

    /**
     * Fits titles, labels and ticks to the charts' new size after the layout pass that gave it: a
     * change made during that pass would not be laid out until something else asked for it.
     */
    private void fitLater() {
        if (fitting) {
            return;
        }
        fitting = true;
        Platform.runLater(() -> {
            fitting = false;
            for (LineChart<Number, Number> chart : List.of(loss, accuracy)) {
                fit(chart);
                spaceEpochTicks(chart);
                spaceValueTicks((NumberAxis) chart.getYAxis());
            }
        });
    }

    private static Label legendEntry(String text, String kind) {
        Region symbol = new Region();
        symbol.getStyleClass().addAll("legend-symbol", kind);
        Label entry = new Label(text, symbol);
        entry.getStyleClass().add("legend-entry");
        return entry;
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
        y.setMinorTickVisible(false);
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
        chart.setUserData(title);
        chart.getStyleClass().add("trainer-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(false);
        chart.setMinSize(200, 150);
        chart.setPrefSize(420, 260);
        return chart;
    }

    /** Title and epoch axis label for the chart's height now. */
    private void fit(LineChart<Number, Number> chart) {
        double h = chart.getHeight();
        if (h <= 0) {
            return;
        }
        String title = h < COMPACT_HEIGHT ? null : (String) chart.getUserData();
        if (!java.util.Objects.equals(chart.getTitle(), title)) {
            chart.setTitle(title);
        }
        String epochLabel = h < TINY_HEIGHT ? null : "Epoch";
        if (!java.util.Objects.equals(chart.getXAxis().getLabel(), epochLabel)) {
            chart.getXAxis().setLabel(epochLabel);
        }
    }

    /**
     * A fixed axis (0 to 1, or R²'s) ticked at 0.1, 0.2, 0.25, 0.5, 1, 2 or 5, the finest its height
     * leaves room for.
     */
    private static void spaceValueTicks(NumberAxis y) {
        double h = y.getHeight();
        double span = y.getUpperBound() - y.getLowerBound();
        if (h <= 0 || y.isAutoRanging() || !(span > 0)) {
            return;
        }
        double unit = 10;
        for (double u : new double[] {0.1, 0.2, 0.25, 0.5, 1, 2, 5}) {
            if (h * u / span >= Y_TICK_SPACING) {
                unit = u;
                break;
            }
        }
        if (y.getTickUnit() != unit) {
            y.setTickUnit(unit);
        }
    }

    /** The epoch axis ticked as finely as its width leaves room for, in 1, 2 or 5 times a power of ten. */
    private void spaceEpochTicks(LineChart<Number, Number> chart) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        double w = x.getWidth() > 0 ? x.getWidth() : chart.getPrefWidth();
        double ticks = Math.max(2, Math.min(10, Math.floor(w / X_TICK_SPACING)));
        double unit = niceStep(epochs / ticks);
        if (x.getTickUnit() != unit) {
            x.setTickUnit(unit);
        }
    }

    /**
     * Fixes the epoch axis of both charts to {@code [0, epochs]}, so the curves grow from left to
     * right instead of the axis rescaling under them.
     */
    public void setEpochs(int epochs) {
        this.epochs = Math.max(1, epochs);
        for (LineChart<Number, Number> chart : List.of(loss, accuracy, rate)) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setAutoRanging(false);
            x.setLowerBound(0);
            x.setUpperBound(this.epochs);
            spaceEpochTicks(chart);
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
        spaceValueTicks(lossAxis);
        set(trainingLoss, history.smoothedLoss());
        set(learningRate, history.learningRate());
        set(validationLoss, history.validationLoss());
        shown = history;
        offerMeasures(history.measures());
        Measure m = measure.getValue();
        set(trainingAccuracy, history.trainingMeasure(m));
        List<ChartPoint> validated = history.validationMeasure(m);
        set(validationAccuracy, validated);
        int best = history.bestEpoch();
        set(bestLoss, at(best, history.validationLoss().isEmpty() ? history.smoothedLoss() : history.validationLoss()));
        set(bestAccuracy, at(best, validated.isEmpty() ? history.trainingMeasure(m) : validated));
        if (m == Measure.R_SQUARED) {
            rangeUpToOne(history.trainingMeasure(m), validated);
        }
        // The legend names the best epoch: it is there at every size, a title is not.
        String bestName = best > 0 ? BEST + " " + best : BEST;
        if (!bestName.equals(bestEntry.getText())) {
            bestEntry.setText(bestName);
        }
    }

    /**
     * Offers the measures the run has; a regression starts on R² (or its mean squared error), as
     * accuracy means nothing there.
     */
    private void offerMeasures(java.util.Set<Measure> available) {
        if (available.isEmpty() || measure.getItems().equals(List.copyOf(available))) {
            return;
        }
        Measure was = measure.getValue();
        offering = true;
        try {
            // Replacing the items clears the choice: put it back, or pick the default for what the run measures.
            measure.getItems().setAll(available);
            Measure now = available.contains(was) ? was
                    : available.contains(Measure.R_SQUARED) ? Measure.R_SQUARED : available.iterator().next();
            measure.setValue(now);
            showMeasure(now);
        } finally {
            offering = false;
        }
    }

    /** R² is at most 1: the axis ends there and reaches down to 0 or the lowest value, in quarters. */
    private void rangeUpToOne(List<ChartPoint> training, List<ChartPoint> validation) {
        double low = 0;
        for (List<ChartPoint> series : List.of(training, validation)) {
            for (ChartPoint p : series) {
                low = Math.min(low, p.y());
            }
        }
        accuracyAxis.setAutoRanging(false);
        accuracyAxis.setUpperBound(1);
        accuracyAxis.setLowerBound(Math.max(-10, Math.floor(low * 4) / 4));
        spaceValueTicks(accuracyAxis);
    }

    /** Names the chart, its axis and its series after the measure; bounded measures keep a 0 to 1 axis. */
    private void showMeasure(Measure m) {
        accuracy.setUserData(m.label());
        if (accuracy.getTitle() != null) {
            accuracy.setTitle(m.label());
        }
        accuracyAxis.setLabel(m.label());
        boolean bounded = m == Measure.ACCURACY || m == Measure.TOP_5_ACCURACY || m == Measure.MACRO_F1;
        accuracyAxis.setAutoRanging(!bounded && m != Measure.R_SQUARED);
        accuracyAxis.setForceZeroInRange(bounded);
        if (bounded) {
            accuracyAxis.setLowerBound(0);
            accuracyAxis.setUpperBound(1);
            spaceValueTicks(accuracyAxis);
        }
        trainingAccuracy.setName("Training " + m.inSentence());
        validationAccuracy.setName("Validation " + m.inSentence());
    }

    /** The chooser of the right-hand chart's measure. */
    public ChoiceBox<Measure> measureChoice() {
        return measure;
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
        if (BEST.equals(series.getName())) {
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

    /** The learning-rate chart. */
    public LineChart<Number, Number> learningRateChart() {
        return rate;
    }

    /** The right-hand chart: accuracy, or the measure chosen above it. */
    public LineChart<Number, Number> accuracyChart() {
        return accuracy;
    }
}
