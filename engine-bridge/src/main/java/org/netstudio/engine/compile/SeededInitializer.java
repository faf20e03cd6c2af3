package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Initial values of one array, drawn from a random stream that depends only on the net's seed and
 * the array's key ({@code "<node path>/<array name>"}): the same seed gives the same weights on
 * any machine and device, whatever else is initialised, in whatever order. Immutable; safe to use
 * from any thread.
 */
final class SeededInitializer implements Initializer {

    /** How values are drawn. */
    enum Rule {
        /** Uniform in ±1/√fanIn: PyTorch's default for linear and convolution weights and biases. */
        FAN_IN_UNIFORM,
        /** Uniform in ±√(6/(fanIn+fanOut)) (Glorot/Xavier), used for recurrent weights. */
        XAVIER_UNIFORM,
        /** Standard normal, as PyTorch initialises embeddings. */
        STANDARD_NORMAL,
        ZEROS,
        ONES
    }

    private final long seed;
    private final String key;
    private final Rule rule;
    private final Supplier<Shape> fanShape;

    /**
     * @param fanShape the shape whose fan-in sets the bound of {@link Rule#FAN_IN_UNIFORM} (a
     *                 bias uses its layer's weights), or null for the array's own shape
     */
    SeededInitializer(long seed, String key, Rule rule, Supplier<Shape> fanShape) {
        this.seed = seed;
        this.key = key;
        this.rule = rule;
        this.fanShape = fanShape;
    }

    /** The rule for an array of a layer type. */
    static Rule ruleFor(String layerType, String array) {
        return switch (layerType) {
            case "Linear", "Convolution", "Deconvolution" -> Rule.FAN_IN_UNIFORM;
            case "LSTM", "GRU", "RNN" -> array.endsWith("Weights") ? Rule.XAVIER_UNIFORM : Rule.ZEROS;
            case "Embedding" -> Rule.STANDARD_NORMAL;
            case "ConstantTimes" -> Rule.ONES;
            case "BatchNorm", "LayerNorm" -> array.equals("gamma") || array.equals("movingVar") ? Rule.ONES : Rule.ZEROS;
            default -> array.toLowerCase(java.util.Locale.ROOT).contains("weights") ? Rule.XAVIER_UNIFORM : Rule.ZEROS;
        };
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (rule == Rule.ZEROS) {
            return manager.zeros(shape, dataType);
        }
        if (rule == Rule.ONES) {
            return manager.ones(shape, dataType);
        }
        float[] values = new float[Math.toIntExact(shape.size())];
        SplittableRandom random = new SplittableRandom(streamSeed(seed, key));
        if (rule == Rule.STANDARD_NORMAL) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
        } else {
            double bound = rule == Rule.FAN_IN_UNIFORM
                    ? 1 / Math.sqrt(Math.max(1, fanIn(fanShape == null ? shape : fanShape.get())))
                    : Math.sqrt(6.0 / Math.max(1, fanIn(shape) + fanOut(shape)));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
        }
        NDArray array = manager.create(values, shape);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /** Inputs per output: all axes but the first ({@code units×d} → d, {@code c×c'×k×k} → c'·k·k). */
    static long fanIn(Shape s) {
        return s.dimension() < 2 ? s.size() : s.size() / s.get(0);
    }

    /** Outputs per input: the first axis times the kernel axes. */
    static long fanOut(Shape s) {
        if (s.dimension() < 2) {
            return s.size();
        }
        return s.size() / s.get(1);
    }

    /** SplitMix64 over the seed and the key's characters. */
    static long streamSeed(long seed, String key) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < key.length(); i++) {
            h = mix(h ^ key.charAt(i));
        }
        return h;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
