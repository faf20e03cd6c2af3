package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Applies one optimiser step to every trainable parameter from its accumulated gradient, then
 * zeroes the gradient. Optimiser state lives in a manager owned by the training run, so it is freed
 * when the run ends (DJL's own optimisers attach their state to the model's manager, where
 * repeated runs would pile it up). Adam and SGD use PyTorch's fused native updates through DJL;
 * RMSProp and AdaGrad, which DJL's PyTorch engine lacks, are written with in-place array
 * operations. Must run with autograd recording off. Not thread-safe.
 *
 * <p>Each array has a learning-rate factor (its layer's multiplier): its step is taken with the
 * rate times the factor, and an array with factor 0 is not touched at all (its gradient is only
 * zeroed), so it stays bit-identical whatever the optimiser's state would have done.
 */
abstract class Updater {

    protected final NDArray[] weights;
    private final float[] factors;

    Updater(List<NDArray> weights, float[] factors) {
        this.weights = weights.toArray(new NDArray[0]);
        this.factors = factors.clone();
        if (this.factors.length != this.weights.length) {
            throw new IllegalArgumentException(weights.size() + " arrays but " + factors.length + " factors");
        }
    }

    /**
     * Makes the updater of the options' optimiser.
     *
     * @param factors the learning-rate factor of each array, ≥ 0; 0 leaves it untouched
     */
    static Updater create(TrainingOptions options, List<NDArray> weights, float[] factors, NDManager stateManager) {
        return switch (options.optimizer()) {
            case ADAM -> new Adam(weights, factors, stateManager);
            case SGD_MOMENTUM -> new Sgd(weights, factors, stateManager, (float) options.momentum());
            case RMSPROP -> SquaredGradients.rmsProp(weights, factors, stateManager);
            case ADAGRAD -> SquaredGradients.adaGrad(weights, factors, stateManager);
        };
    }

    /**
     * Applies one step to every parameter and zeroes the gradients.
     *
     * @param learningRate the rate, multiplied by each array's factor
     * @param momentum the momentum (SGD's momentum, Adam's β₁) for this step, or empty for the
     *     optimiser's own; ignored by optimisers without one
     */
    final void update(float learningRate, java.util.OptionalDouble momentum) {
        beforeStep();
        for (int i = 0; i < weights.length; i++) {
            if (factors[i] == 0) {
                PyTorchSupport.zeroGrad(weights[i]);
            } else {
                step(i, learningRate * factors[i], momentum);
            }
        }
    }

    /** Steps array {@code i} with this rate and zeroes its gradient. */
    abstract void step(int i, float learningRate, java.util.OptionalDouble momentum);

    /** Called once before the arrays of an update are stepped. */
    void beforeStep() {
    }

    /** The optimiser's state arrays, one group per kind of state, each parallel to the weights; for checkpoints. */
    abstract List<NDArray[]> state();

    /** The steps taken so far, where the update depends on it (Adam's bias correction); else 0. */
    long steps() {
        return 0;
    }

    /** Continues counting from a checkpoint's steps. */
    void resumeSteps(long steps) {
    }

    private static NDArray[] zerosLike(NDArray[] weights, NDManager manager) {
        NDArray[] states = new NDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
            states[i] = manager.zeros(weights[i].getShape(), weights[i].getDataType());
        }
        return states;
    }

    private static final class Adam extends Updater {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;
        private final NDArray[] mean;
        private final NDArray[] variance;
        private long step;

        Adam(List<NDArray> weights, float[] factors, NDManager manager) {
            super(weights, factors);
            mean = zerosLike(this.weights, manager);
            variance = zerosLike(this.weights, manager);
        }

        @Override
        List<NDArray[]> state() {
            return List.of(mean, variance);
        }

        @Override
        long steps() {
            return step;
        }

        @Override
        void resumeSteps(long steps) {
            step = steps;
        }

        @Override
        void beforeStep() {
            step++;
        }

        @Override
        void step(int i, float learningRate, java.util.OptionalDouble momentum) {
            float beta1 = momentum.isPresent() ? (float) momentum.getAsDouble() : BETA1;
            double coef1 = 1 - Math.pow(beta1, step);
            double coef2 = 1 - Math.pow(BETA2, step);
            float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
            NDArray w = weights[i];
            try (NDArray grad = w.getGradient()) {
                // Fused native step; it also zeroes w's gradient.
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, mean[i], variance[i]), new NDList(w),
                        learningRate, corrected, 0f, 1f, -1f, beta1, BETA2, EPSILON, true, false);
            }
        }
    }

    private static final class Sgd extends Updater {
        private final NDArray[] velocity;
        private final float momentum;

        Sgd(List<NDArray> weights, float[] factors, NDManager manager, float momentum) {
            super(weights, factors);
            this.velocity = zerosLike(this.weights, manager);
            this.momentum = momentum;
        }

        @Override
        List<NDArray[]> state() {
            return List.<NDArray[]>of(velocity);
        }

        @Override
        void step(int i, float learningRate, java.util.OptionalDouble scheduled) {
            float m = scheduled.isPresent() ? (float) scheduled.getAsDouble() : momentum;
            NDArray w = weights[i];
            try (NDArray grad = w.getGradient()) {
                // velocity = momentum · velocity + rate · grad; w -= velocity (fused; zeroes w's gradient).
                w.getNDArrayInternal().sgdUpdate(new NDList(w, grad, velocity[i]), new NDList(w),
                        learningRate, 0f, 1f, -1f, m, true);
            }
        }
    }

    /**
     * RMSProp and AdaGrad: each step is divided by the root of a running sum of squared gradients,
     * which RMSProp lets decay ({@code s ← ρ·s + (1−ρ)·g²}) and AdaGrad keeps whole ({@code s ← s + g²}).
     */
    private static final class SquaredGradients extends Updater {
        private final Float rho;
        private final float epsilon;
        private final NDArray[] squares;

        /** {@code rho} null: AdaGrad's sum that never decays. */
        SquaredGradients(List<NDArray> weights, float[] factors, NDManager manager, Float rho, float epsilon) {
            super(weights, factors);
            this.rho = rho;
            this.epsilon = epsilon;
            squares = zerosLike(this.weights, manager);
        }

        @Override
        List<NDArray[]> state() {
            return List.<NDArray[]>of(squares);
        }

        static SquaredGradients rmsProp(List<NDArray> weights, float[] factors, NDManager manager) {
            return new SquaredGradients(weights, factors, manager, 0.9f, 1e-7f);
        }

        static SquaredGradients adaGrad(List<NDArray> weights, float[] factors, NDManager manager) {
            return new SquaredGradients(weights, factors, manager, null, 1e-10f);
        }

        @Override
        void step(int i, float learningRate, java.util.OptionalDouble momentum) {
            NDArray w = weights[i];
            NDArray s = squares[i];
            try (NDArray grad = w.getGradient(); NDArray g2 = grad.square()) {
                if (rho == null) {
                    s.addi(g2);
                } else {
                    s.muli(rho).addi(g2.muli(1 - rho));
                }
                try (NDArray denominator = s.sqrt(); NDArray delta = grad.mul(learningRate)) {
                    denominator.addi(epsilon);
                    w.subi(delta.divi(denominator));
                }
            }
            PyTorchSupport.zeroGrad(w);
        }
    }
}
