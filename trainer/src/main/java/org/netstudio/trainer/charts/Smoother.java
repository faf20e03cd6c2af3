package org.netstudio.trainer.charts;

/**
 * An exponential moving average with the start-up bias removed (as TensorBoard smooths loss
 * curves): the first values are not pulled towards zero. Not thread-safe.
 */
public final class Smoother {

    private final double weight;
    private double average;
    private double correction = 1;

    /** @param weight how much of the past each step keeps, in [0, 1); 0 does not smooth */
    public Smoother(double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("The smoothing weight must be in [0, 1), not " + weight);
        }
        this.weight = weight;
    }

    /** Adds a value and returns the smoothed value so far; non-finite values are passed through. */
    public double add(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        average = weight * average + (1 - weight) * value;
        correction *= weight;
        return average / (1 - correction);
    }
}
