package org.netstudio.trainer.results;

/**
 * An example the trained net gets wrong.
 *
 * @param features the example's features (an image's pixels, a point's coordinates)
 * @param truth the true class
 * @param predicted the predicted class
 * @param confidence the probability (or score) of the predicted class
 */
public record Misclassified(float[] features, int truth, int predicted, double confidence) {
}
