package org.netstudio.engine.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;

/**
 * The training options a sweep can vary, by the names the command line and the sweep view use.
 * Layer parameters are varied by path instead ({@code linear1.units}), and {@code dropout} sets the
 * rate of every Dropout layer.
 */
public enum SweptOption {
    /** The base learning rate, a positive number. */
    LEARNING_RATE("learningRate"),
    /** Examples per update, a whole number. */
    BATCH_SIZE("batchSize"),
    /** Passes over the data, a whole number. */
    EPOCHS("epochs"),
    /** SGD's momentum, in [0, 1). */
    MOMENTUM("momentum"),
    /** The optimiser by name: adam, sgd, rmsprop, adagrad. */
    OPTIMIZER("optimizer");

    /** The name that sets the rate of every Dropout layer of the net. */
    public static final String DROPOUT = "dropout";

    /** What kind of value an option takes. */
    public enum Kind {
        /** A real number. */
        REAL,
        /** A whole number. */
        INTEGER,
        /** A name. */
        NAME
    }

    private final String id;

    SweptOption(String id) {
        this.id = id;
    }

    /** The name, e.g. "learningRate". */
    public String id() {
        return id;
    }

    /** What kind of value it takes: the kind {@link #apply} reads. */
    public Kind kind() {
        return switch (this) {
            case LEARNING_RATE, MOMENTUM -> Kind.REAL;
            case BATCH_SIZE, EPOCHS -> Kind.INTEGER;
            case OPTIMIZER -> Kind.NAME;
        };
    }

    /** The option with that name (case-insensitive), if any. */
    public static Optional<SweptOption> named(String name) {
        return Arrays.stream(values()).filter(o -> o.id.equalsIgnoreCase(name)).findFirst();
    }

    /** Every option name, then {@code dropout}: what a message lists. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(values()).map(SweptOption::id).toList());
        names.add(DROPOUT);
        return names;
    }

    /**
     * Writes a value into a builder.
     *
     * @param builder the options being built
     * @param value a number or, for the optimiser, a name
     * @throws IllegalArgumentException when the value does not fit the option
     */
    public void apply(TrainingOptions.Builder builder, Object value) {
        switch (this) {
            case LEARNING_RATE -> builder.learningRate(number(value));
            case BATCH_SIZE -> builder.batchSize((int) Math.round(number(value)));
            case EPOCHS -> builder.maxEpochs((int) Math.round(number(value)));
            case MOMENTUM -> builder.momentum(number(value));
            case OPTIMIZER -> builder.optimizer(OptimizerKind.named(String.valueOf(value).toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException("optimizer " + value
                            + " is not an optimizer NetStudio knows; use adam, sgd, rmsprop or adagrad")));
        }
    }

    private double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(id + " takes a number, not '" + value + "'");
    }
}
