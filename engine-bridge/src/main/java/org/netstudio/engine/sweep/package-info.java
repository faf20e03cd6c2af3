/**
 * Sweeps: training a net many times over a search space of training options and layer parameters
 * to find the configuration that validates best, as the command line's {@code netstudio sweep} and
 * the trainer panel's sweep view do.
 *
 * <p>A {@link org.netstudio.engine.sweep.SearchSpace} is parsed from text both doors share
 * ({@code learningRate=1e-4..1e-1:log}, {@code batchSize=16,32,64}, {@code dropout=0.1..0.5},
 * {@code linear1.units=16..128:int}); {@link org.netstudio.engine.sweep.TrialPlanner} turns it into
 * trials (a grid, or seeded random samples); {@link org.netstudio.engine.sweep.Sweep} trains them
 * one after another or several at once, stops bad ones early with the
 * {@link org.netstudio.engine.sweep.MedianStoppingRule}, and keeps the best trial's net and weights.
 */
package org.netstudio.engine.sweep;
