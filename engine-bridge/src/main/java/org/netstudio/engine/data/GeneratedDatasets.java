package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;

/**
 * Small datasets made up on the spot, for trying nets out anywhere without a download. Each is a
 * pure function of its arguments and seed: the same call gives the same numbers on every machine.
 * Examples come in a shuffled order.
 */
public final class GeneratedDatasets {

    private GeneratedDatasets() {}

    /**
     * Points on 2 or 3 interleaved spiral arms in the plane, one class per arm. Each arm turns
     * through 4 radians from the centre to radius 1; Gaussian noise of the given standard
     * deviation is added to both coordinates.
     *
     * @param arms 2 or 3
     * @param pointsPerArm points on each arm, at least 1
     * @param noise standard deviation of the noise, 0 or more (0.05 is a clean, learnable spiral)
     * @param seed the random seed
     * @return a dataset of {@code arms × pointsPerArm} points of shape {@code (2)}, classes "0"…
     */
    public static MemoryDataset spirals(int arms, int pointsPerArm, double noise, long seed) {
        if (arms != 2 && arms != 3) {
            throw new IllegalArgumentException("A spiral dataset has 2 or 3 arms, but " + arms + " were asked for");
        }
        Bounds.atLeastOne("pointsPerArm", pointsPerArm);
        checkNoise(noise);
        Random random = new Random(seed);
        int n = arms * pointsPerArm;
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        int k = 0;
        for (int arm = 0; arm < arms; arm++) {
            double offset = 2 * Math.PI * arm / arms;
            for (int i = 0; i < pointsPerArm; i++) {
                double t = pointsPerArm == 1 ? 1 : (double) i / (pointsPerArm - 1);
                double radius = 0.05 + 0.95 * t;
                double angle = offset + 4 * t;
                xy[2 * k] = (float) (radius * Math.cos(angle) + noise * random.nextGaussian());
                xy[2 * k + 1] = (float) (radius * Math.sin(angle) + noise * random.nextGaussian());
                labels[k] = arm;
                k++;
            }
        }
        return shuffled("Spirals (" + arms + " arms)", xy, 2, Targets.Classes.numbered(labels, arms), random);
    }

    /**
     * Two interleaving half circles ("moons"), as in scikit-learn's {@code make_moons}: the upper
     * moon is class "0", the lower one class "1".
     *
     * @param points the total number of points, at least 2
     * @param noise standard deviation of Gaussian noise on both coordinates (0.1 is typical)
     * @param seed the random seed
     * @return a dataset of points of shape {@code (2)}
     */
    public static MemoryDataset moons(int points, double noise, long seed) {
        Bounds.atLeastOne("points", points);
        checkNoise(noise);
        Random random = new Random(seed);
        int outer = points / 2;
        int inner = points - outer;
        float[] xy = new float[2 * points];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            boolean upper = i < outer;
            int count = upper ? outer : inner;
            int j = upper ? i : i - outer;
            double angle = count == 1 ? 0 : Math.PI * j / (count - 1);
            double x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
            double y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
            xy[2 * i] = (float) (x + noise * random.nextGaussian());
            xy[2 * i + 1] = (float) (y + noise * random.nextGaussian());
            labels[i] = upper ? 0 : 1;
        }
        return shuffled("Moons", xy, 2, Targets.Classes.numbered(labels, 2), random);
    }

    /**
     * Points drawn uniformly from the square [-1, 1]², labelled "true" when exactly one
     * coordinate is positive (exclusive or) and "false" otherwise; noise is added to the
     * coordinates after labelling.
     *
     * @param points the number of points, at least 1
     * @param noise standard deviation of Gaussian noise on both coordinates
     * @param seed the random seed
     * @return a dataset of points of shape {@code (2)}, classes "false" (0) and "true" (1)
     */
    public static MemoryDataset xor(int points, double noise, long seed) {
        Bounds.atLeastOne("points", points);
        checkNoise(noise);
        Random random = new Random(seed);
        float[] xy = new float[2 * points];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            double x = 2 * random.nextDouble() - 1;
            double y = 2 * random.nextDouble() - 1;
            labels[i] = (x > 0) != (y > 0) ? 1 : 0;
            xy[2 * i] = (float) (x + noise * random.nextGaussian());
            xy[2 * i + 1] = (float) (y + noise * random.nextGaussian());
        }
        return MemoryDataset.adopt("XOR", xy, new Shape(2), new Targets.Classes(labels, List.of("false", "true")), null);
    }

    /**
     * A regression problem {@code y = w·x + b + noise} with inputs drawn from a standard normal
     * distribution, weights drawn uniformly from [-2, 2] and the bias from [-1, 1].
     *
     * @param points the number of examples, at least 1
     * @param inputs the length of {@code x}, at least 1
     * @param noise standard deviation of the Gaussian noise added to {@code y}
     * @param seed the random seed
     * @return the dataset (features {@code (inputs)}, targets {@code (1)}) and the true coefficients
     */
    public static LinearProblem linear(int points, int inputs, double noise, long seed) {
        Bounds.atLeastOne("points", points);
        Bounds.atLeastOne("inputs", inputs);
        checkNoise(noise);
        Random random = new Random(seed);
        float[] weights = new float[inputs];
        for (int j = 0; j < inputs; j++) {
            weights[j] = (float) (4 * random.nextDouble() - 2);
        }
        float bias = (float) (2 * random.nextDouble() - 1);
        float[] x = new float[points * inputs];
        float[] y = new float[points];
        for (int i = 0; i < points; i++) {
            double sum = bias;
            for (int j = 0; j < inputs; j++) {
                float v = (float) random.nextGaussian();
                x[i * inputs + j] = v;
                sum += weights[j] * v;
            }
            y[i] = (float) (sum + noise * random.nextGaussian());
        }
        MemoryDataset data = MemoryDataset.adopt("Linear (" + inputs + " inputs)", x, new Shape(inputs),
                new Targets.Values(y, 1), null);
        return new LinearProblem(data, weights, bias);
    }

    private static MemoryDataset shuffled(String name, float[] features, int width, Targets.Classes targets, Random random) {
        int n = targets.size();
        int[] order = Permutations.identity(n);
        Permutations.shuffle(order, random);
        return MemoryDataset.adopt(name, features, new Shape(width), targets, null).subset(order, name);
    }

    private static void checkNoise(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number, 0 or more, but was " + noise);
        }
    }
}
