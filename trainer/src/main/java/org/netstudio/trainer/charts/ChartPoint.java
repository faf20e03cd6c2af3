package org.netstudio.trainer.charts;

/**
 * One point of a plotted series.
 *
 * @param x position along the time axis, in epochs (a batch half-way through epoch 3 is 2.5)
 * @param y the value
 */
public record ChartPoint(double x, double y) {
}
