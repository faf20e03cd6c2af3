package org.netstudio.engine.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The optimisers {@link TrainingLoop} offers, with their names on the command line and their default
 * learning rates ({@link TrainingOptions}' {@code DEFAULT_…_RATE}).
 */
public enum OptimizerKind {
    /** Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8). */
    ADAM("adam", TrainingOptions.DEFAULT_ADAM_RATE),
    /** Stochastic gradient descent with momentum ({@link TrainingOptions#momentum()}). */
    SGD_MOMENTUM("sgd", TrainingOptions.DEFAULT_SGD_RATE),
    /** RMSProp (ρ = 0.9, ε = 1e-7). */
    RMSPROP("rmsprop", TrainingOptions.DEFAULT_RMSPROP_RATE),
    /** AdaGrad (ε = 1e-10). */
    ADAGRAD("adagrad", TrainingOptions.DEFAULT_ADAGRAD_RATE);

    private final String id;
    private final double defaultLearningRate;

    OptimizerKind(String id, double defaultLearningRate) {
        this.id = id;
        this.defaultLearningRate = defaultLearningRate;
    }

    /**
     * The optimiser a name means, in any case.
     *
     * @param id {@code adam}, {@code sgd}, {@code rmsprop} or {@code adagrad}
     * @return the optimiser, or empty for another name
     */
    public static Optional<OptimizerKind> named(String id) {
        String key = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(key)).findFirst();
    }

    /** The name the command line takes: {@code adam}, {@code sgd}, {@code rmsprop}, {@code adagrad}. */
    public String id() {
        return id;
    }

    /** The learning rate used when none is given. */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }
}
