package org.netstudio.trainer;

/**
 * How far a training got.
 *
 * @param fraction the share of the run done, in [0, 1]
 * @param text     epoch, batch, throughput and time left, e.g.
 *                 "Epoch 3/20 · batch 12/26 · 4,210 samples/s · 0:05 left"; or how the run ended
 */
public record TrainingProgress(double fraction, String text) {

    /** Before any training. */
    public static final TrainingProgress NONE = new TrainingProgress(0, "");

    /** The same share, told differently. */
    public TrainingProgress withText(String newText) {
        return new TrainingProgress(fraction, newText);
    }
}
