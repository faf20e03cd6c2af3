package org.netstudio.inspector.arrays;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Region;

/**
 * A small histogram: one bar per bin, as tall as its share of the fullest bin. Bars are regions
 * styled by CSS ({@code .histogram-bar}), so the theme colours them.
 */
public final class HistogramView extends Region {

    private final List<Integer> counts;
    private final List<Region> bars = new ArrayList<>();

    public HistogramView(List<Integer> counts) {
        this.counts = List.copyOf(counts);
        getStyleClass().add("histogram");
        for (int i = 0; i < this.counts.size(); i++) {
            Region bar = new Region();
            bar.getStyleClass().add("histogram-bar");
            bars.add(bar);
        }
        getChildren().setAll(bars);
        setMinHeight(24);
        setPrefHeight(44);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + counts.size() * 6.0;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + counts.size() * 2.0;
    }

    @Override
    protected void layoutChildren() {
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        double w = getWidth() - x0 - snappedRightInset();
        double h = getHeight() - y0 - snappedBottomInset();
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        int n = counts.size();
        double step = n == 0 ? 0 : w / n;
        double gap = step > 4 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double share = max == 0 ? 0 : counts.get(i) / (double) max;
            // A bin with any value shows at least a sliver, so that rare values are not lost.
            double bh = counts.get(i) == 0 ? 0 : Math.max(1.5, Math.round(share * h));
            double left = snapPositionX(x0 + i * step);
            double right = snapPositionX(x0 + (i + 1) * step - gap);
            bars.get(i).resizeRelocate(left, y0 + h - bh, Math.max(1, right - left), bh);
        }
    }
}
