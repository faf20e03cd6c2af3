package org.netstudio.engine.runs;

/**
 * One line of a run's {@code epochs.csv}. Absent values (no accuracy for a regression, no
 * validation data) are NaN.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss the mean training loss over the epoch
 * @param trainAccuracy the training accuracy, or NaN
 * @param validationLoss the validation loss at the end of the epoch, or NaN
 * @param validationAccuracy the validation accuracy, or NaN
 * @param learningRate the learning rate of the epoch's last update
 * @param seconds the epoch's wall-clock time
 * @param improved whether this epoch was the best so far when it ended
 */
public record EpochRow(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double learningRate, double seconds, boolean improved) {

    /** The column names, in order: the first line of the file. */
    public static final String HEADER =
            "epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,learningRate,seconds,improved";

    /** The loss that picks the best epoch: validation loss when there is one, else training loss. */
    public double referenceLoss() {
        return Double.isNaN(validationLoss) ? trainLoss : validationLoss;
    }
}
