package org.netstudio.engine.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Which examples of a dataset are held back for validation: the one split every part of NetStudio
 * makes (the training run, the trainer panel, the command line), so that a seed names the same
 * validation examples everywhere.
 *
 * <p>The examples are shuffled by a {@link Random} seeded with {@code seed ^ 0x5EED_5A17L}; the
 * first {@link #validationCount} of that order are held back and the rest train. Both parts are
 * returned in ascending order, so that a subset built from them keeps the dataset's order.
 * Immutable; the index arrays are copied out.
 */
public final class ValidationSplit {

    /** Mixed into the seed so that the split does not repeat the sequence of the epoch shuffles. */
    private static final long SALT = 0x5EED_5A17L;

    private final int[] training;
    private final int[] validation;

    private ValidationSplit(int[] training, int[] validation) {
        this.training = training;
        this.validation = validation;
    }

    /**
     * Splits {@code size} examples.
     *
     * @param size the number of examples, 0 or more
     * @param fraction the share to hold back, in [0, 1)
     * @param seed the seed of the shuffle
     * @return the split
     * @throws IllegalArgumentException when the fraction is outside [0, 1) or the size is negative
     */
    public static ValidationSplit of(int size, double fraction, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("A dataset cannot have " + size + " examples");
        }
        int held = validationCount(size, fraction);
        int[] order = Permutations.identity(size);
        Permutations.shuffle(order, new Random(seed ^ SALT));
        int[] validation = Arrays.copyOfRange(order, 0, held);
        int[] training = Arrays.copyOfRange(order, held, size);
        Arrays.sort(validation);
        Arrays.sort(training);
        return new ValidationSplit(training, validation);
    }

    /**
     * Splits a dataset's examples; see {@link #of(int, double, long)}.
     *
     * @param data the dataset
     * @param fraction the share to hold back, in [0, 1)
     * @param seed the seed of the shuffle
     * @return the split of {@code data.size()} examples
     */
    public static ValidationSplit of(Dataset data, double fraction, long seed) {
        return of(data.size(), fraction, seed);
    }

    /**
     * How many of {@code size} examples a fraction holds back: {@code round(size × fraction)},
     * but at least 1 and at most {@code size − 1} (both parts keep an example); 0 when the
     * fraction is 0 or there are fewer than 2 examples.
     *
     * @param size the number of examples
     * @param fraction the share to hold back, in [0, 1)
     * @return the number of validation examples
     * @throws IllegalArgumentException when the fraction is outside [0, 1)
     */
    public static int validationCount(int size, double fraction) {
        Bounds.share("The validation fraction", fraction);
        if (fraction == 0 || size < 2) {
            return 0;
        }
        return (int) Math.max(1, Math.min(size - 1, Math.round(size * fraction)));
    }

    /** The indices of the training examples, ascending. */
    public int[] training() {
        return training.clone();
    }

    /** The indices of the validation examples, ascending; empty when nothing is held back. */
    public int[] validation() {
        return validation.clone();
    }

    /** How many examples train. */
    public int trainingCount() {
        return training.length;
    }

    /** How many examples are held back. */
    public int validationCount() {
        return validation.length;
    }

    /**
     * The training examples of a dataset, named {@code "<name> (training)"}.
     *
     * @param data the dataset this split was made for
     * @return the training part (the dataset itself when nothing is held back)
     */
    public Dataset trainingPart(Dataset data) {
        checkSize(data);
        return validation.length == 0 ? data : data.subset(training, data.name() + " (training)");
    }

    /**
     * The validation examples of a dataset, named {@code "<name> (validation)"}.
     *
     * @param data the dataset this split was made for
     * @return the validation part, or null when nothing is held back
     */
    public Dataset validationPart(Dataset data) {
        checkSize(data);
        return validation.length == 0 ? null : data.subset(validation, data.name() + " (validation)");
    }

    private void checkSize(Dataset data) {
        if (data.size() != training.length + validation.length) {
            throw new IllegalArgumentException("This split is of " + (training.length + validation.length)
                    + " examples, but '" + data.name() + "' has " + data.size());
        }
    }
}
