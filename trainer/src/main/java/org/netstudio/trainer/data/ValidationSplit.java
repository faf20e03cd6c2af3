package org.netstudio.trainer.data;

import java.util.Random;
import org.netstudio.engine.data.Dataset;

/**
 * Holds back a share of the data for validation. The trainer splits the data itself (rather than
 * leaving it to the engine) so that it knows the validation examples afterwards, for the confusion
 * matrix and the misclassified examples.
 *
 * @param training the examples to train on
 * @param validation the held-back examples, or null when the fraction is 0
 */
public record ValidationSplit(Dataset training, Dataset validation) {

    /**
     * Splits a dataset at random (from the seed).
     *
     * @param data the dataset
     * @param fraction the share to hold back, in [0, 1)
     * @param seed the seed of the shuffle
     * @return the split; at least one example stays for training
     */
    public static ValidationSplit of(Dataset data, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("The validation fraction must be at least 0 and less than 1, but was "
                    + fraction);
        }
        int n = data.size();
        int held = Math.min(n - 1, (int) Math.round(n * fraction));
        if (held <= 0) {
            return new ValidationSplit(data, null);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed ^ 0x7A11DA7EL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validation = java.util.Arrays.copyOfRange(order, 0, held);
        int[] training = java.util.Arrays.copyOfRange(order, held, n);
        return new ValidationSplit(data.subset(training, data.name() + " (training)"),
                data.subset(validation, data.name() + " (validation)"));
    }
}
