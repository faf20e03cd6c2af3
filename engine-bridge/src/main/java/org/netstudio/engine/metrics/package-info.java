/**
 * What NetStudio measures of a net besides its loss: the {@link org.netstudio.engine.metrics.Measure}s
 * training records and the views plot, the {@link org.netstudio.engine.metrics.ConfusionMatrix} with
 * per-class precision, recall and F1, and {@link org.netstudio.engine.metrics.RegressionSums} for
 * regression. Plain Java, no DJL: both training ({@code engine.train}) and evaluation
 * ({@code engine.run}) build on it.
 */
package org.netstudio.engine.metrics;
