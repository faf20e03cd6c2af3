package org.netstudio.app.cli;

import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * How each update of the weights is made (a picocli mixin): batch size, optimiser, device and seed,
 * each defaulting to the engine's one default ({@link TrainingOptions}). Training and sweeps take them
 * with the rest of {@link TrainingOptionsMixin}; lr-find takes them alone, as it must match the
 * training it prepares.
 */
final class UpdateOptions {

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_BATCH_SIZE,
            description = "Examples per update (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = TrainingOptions.DEFAULT_OPTIMIZER,
            description = "adam, sgd (with momentum 0.9), rmsprop or adagrad (default ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu", description = "Where to train (default ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_SEED,
            description = "Random seed of initial weights, validation split (if any) and shuffling (default ${DEFAULT-VALUE}).")
    private long seed;

    /** The seed, as given. */
    long seed() {
        return seed;
    }

    /**
     * Validates these options, naming the option, and sets them on a builder.
     *
     * @param command the command whose usage error a wrong value is
     * @return {@code b}
     */
    TrainingOptions.Builder applyTo(TrainingOptions.Builder b, Subcommand command) {
        if (batchSize < 1) {
            throw command.usage("--batch-size must be at least 1, but was " + batchSize);
        }
        OptimizerKind kind = OptimizerKind.named(optimizer).orElseThrow(() -> command.usage("--optimizer " + optimizer
                + " is not an optimizer NetStudio knows; use adam, sgd, rmsprop or adagrad"));
        DeviceSpec where;
        try {
            where = DeviceSpec.parse(device);
        } catch (IllegalArgumentException e) {
            throw command.usage("--device: " + e.getMessage());
        }
        return b.optimizer(kind).batchSize(batchSize).seed(seed).device(where);
    }
}
