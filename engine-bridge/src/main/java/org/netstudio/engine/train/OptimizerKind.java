package org.netstudio.engine.train;

/** The optimisers {@link TrainingRun} offers, with their default learning rates. */
public enum OptimizerKind {
    /** Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8); default learning rate 0.001. */
    ADAM(1e-3),
    /** Stochastic gradient descent with momentum ({@link TrainingOptions#momentum()}); default 0.01. */
    SGD_MOMENTUM(1e-2),
    /** RMSProp (ρ = 0.9, ε = 1e-7); default 0.001. */
    RMSPROP(1e-3),
    /** AdaGrad (ε = 1e-10); default 0.01. */
    ADAGRAD(1e-2);

    private final double defaultLearningRate;

    OptimizerKind(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    /** The learning rate used when none is given. */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }
}
