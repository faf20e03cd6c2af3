package org.netstudio.trainer;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.engine.run.LearningRateFinder;
import org.netstudio.trainer.options.LabelConverter;

/**
 * The learning-rate finder in the panel: "Find learning rate" runs it on the net, data and options
 * as they are, the smoothed loss is plotted against the rate on a log axis as it comes, the
 * suggestion is marked, and "Use" puts it into the learning-rate field.
 */
final class FinderPane extends VBox {

    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> suggestion = new XYChart.Series<>();
    private final Label text = new Label();

    FinderPane(TrainerPanelModel model) {
        getStyleClass().add("finder-pane");
        setSpacing(8);
        setPadding(new Insets(8));
        Button find = new Button("Find learning rate");
        find.setId("find-learning-rate");
        find.setOnAction(e -> model.findLearningRate());
        find.disableProperty().bind(model.canTrainBinding().not().or(model.findingProperty()));
        Button use = new Button("Use");
        use.setId("use-learning-rate");
        use.setOnAction(e -> model.useSuggestedRate());
        use.disableProperty().bind(model.finderResultProperty().isNull());
        HBox buttons = new HBox(8, find, use);

        NumberAxis x = new NumberAxis();
        x.setLabel("Learning rate (log scale)");
        x.setAutoRanging(false);
        x.setLowerBound(-7);
        x.setUpperBound(1);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        x.setAnimated(false);
        x.setTickLabelFormatter(
                new LabelConverter<>(n -> String.format(Locale.ROOT, "1e%d", Math.round(n.doubleValue()))));
        NumberAxis y = new NumberAxis();
        y.setLabel("Loss (smoothed)");
        y.setForceZeroInRange(false);
        y.setAnimated(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("finder-chart");
        chart.getStyleClass().add("trainer-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(false);
        // x is log10 of the rate: its zero (a rate of 1) is no line worth drawing.
        chart.setVerticalZeroLineVisible(false);
        loss.setName("Loss (smoothed)");
        suggestion.setName("Suggestion");
        chart.getData().addAll(loss, suggestion);
        chart.setMinSize(200, 150);
        VBox.setVgrow(chart, Priority.ALWAYS);

        text.setId("finder-text");
        text.setWrapText(true);
        text.setText("Train briefly while the learning rate rises from 1e-7 to 10; the loss against the rate shows"
                + " where training is fast and where it blows up. The net is not changed.");
        getChildren().addAll(buttons, chart, text);

        model.finderPoints().addListener((ListChangeListener<LearningRateFinder.Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && model.finderPoints().isEmpty()) {
                    loss.getData().clear();
                    suggestion.getData().clear();
                }
                for (LearningRateFinder.Point p : c.getAddedSubList()) {
                    if (Double.isFinite(p.smoothed())) {
                        loss.getData().add(new XYChart.Data<>(Math.log10(p.rate()), p.smoothed()));
                    }
                }
            }
        });
        model.finderResultProperty().addListener((o, was, r) -> {
            suggestion.getData().clear();
            if (r == null || !Double.isFinite(r.suggestion())) {
                return;
            }
            LearningRateFinder.Point near = r.points().get(0);
            for (LearningRateFinder.Point p : r.points()) {
                if (Math.abs(Math.log(p.rate() / r.suggestion())) < Math.abs(Math.log(near.rate() / r.suggestion()))) {
                    near = p;
                }
            }
            XYChart.Data<Number, Number> mark = new XYChart.Data<>(Math.log10(r.suggestion()), near.smoothed());
            Region marker = new Region();
            marker.getStyleClass().add("best-marker");
            mark.setNode(marker);
            suggestion.getData().add(mark);
            text.setText("Suggested: " + TrainerPanelModel.formatRate(r.suggestion()) + ", a tenth of "
                    + TrainerPanelModel.formatRate(r.minimumRate()) + " where the smoothed loss is lowest"
                    + (r.exploded() ? "; the loss exploded beyond it" : "") + ". Use puts it into the learning rate.");
        });
    }
}
