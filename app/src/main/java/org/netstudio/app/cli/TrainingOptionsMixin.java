package org.netstudio.app.cli;

import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.TrainingOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training options {@code netstudio train} and {@code netstudio sweep} share (a picocli mixin):
 * epochs, learning rate, validation share, patience and class weights, each defaulting to the engine's
 * one default ({@link TrainingOptions}), with how each update is made ({@link UpdateOptions}).
 */
final class TrainingOptionsMixin {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_EPOCHS,
            description = "Passes over the data (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Mixin
    private UpdateOptions update;

    @Option(names = "--learning-rate", paramLabel = "X",
            description = "The learning rate (default: the optimizer's, " + TrainingOptions.DEFAULT_ADAM_RATE
                    + " for adam, " + TrainingOptions.DEFAULT_SGD_RATE + " for sgd, " + TrainingOptions.DEFAULT_RMSPROP_RATE
                    + " for rmsprop, " + TrainingOptions.DEFAULT_ADAGRAD_RATE + " for adagrad).")
    private Double learningRate;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "" + TrainingOptions.DEFAULT_VALIDATION_FRACTION,
            description = "Share of the training data held out for validation, in [0, 1) (default ${DEFAULT-VALUE}).")
    private double validation;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_PATIENCE,
            description = "Stop after N epochs without a better validation loss; 0 never stops early (default ${DEFAULT-VALUE}).")
    private int patience;

    @Option(names = "--class-weights", paramLabel = "none|balanced|W,W,…", defaultValue = "none",
            description = "How much each class counts in the loss, for unbalanced data: none, balanced (in inverse"
                    + " proportion to its examples) or a weight per class, e.g. 1,4,1 (default ${DEFAULT-VALUE}).")
    private String classWeights;

    /** The share held out for validation, as given. */
    double validation() {
        return validation;
    }

    /** The seed, as given. */
    long seed() {
        return update.seed();
    }

    /**
     * Validates every option up front, naming the option, so that nothing runs or is written on a mistake.
     *
     * @param command the command whose usage error a wrong value is
     * @return a builder holding the options
     */
    TrainingOptions.Builder builder(Subcommand command) {
        if (epochs < 1) {
            throw command.usage("--epochs must be at least 1, but was " + epochs);
        }
        TrainingOptions.Builder b = update.applyTo(TrainingOptions.builder(), command);
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw command.usage("--learning-rate must be a positive number, but was " + learningRate);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw command.usage("--validation must be at least 0 and less than 1 (a share of the data), but was "
                    + validation);
        }
        if (patience < 0) {
            throw command.usage("--patience must be 0 (never stop early) or more, but was " + patience);
        }
        ClassWeights weights;
        try {
            weights = ClassWeights.parse(classWeights);
        } catch (IllegalArgumentException e) {
            throw command.usage("--class-weights: " + e.getMessage());
        }
        b.classWeights(weights).maxEpochs(epochs).validationFraction(validation).earlyStoppingPatience(patience);
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        return b;
    }
}
