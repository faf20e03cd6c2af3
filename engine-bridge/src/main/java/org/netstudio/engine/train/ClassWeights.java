package org.netstudio.engine.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much each class's examples count in a cross-entropy loss, for unbalanced data: none (each
 * example counts the same), balanced (a class counts in inverse proportion to its examples, so
 * that every class weighs as much in all: {@code n / (k · n_c)}, scikit-learn's "balanced"), or
 * given per class. A batch's loss is then {@code Σ w[y]·loss / Σ w[y]}, as PyTorch's
 * {@code cross_entropy(weight=…)} computes it. Applies to outputs trained on one class per example;
 * a sequence's classes are not weighted. Immutable.
 */
public sealed interface ClassWeights permits ClassWeights.None, ClassWeights.Balanced, ClassWeights.Given {

    /** Every example counts the same. */
    ClassWeights NONE = new None();

    /** Classes weighted in inverse proportion to their examples. */
    ClassWeights BALANCED = new Balanced();

    /**
     * The weight of each class, given the number of training examples of each.
     *
     * @param counts examples per class
     * @return one weight per class; empty when no weighting applies
     * @throws IllegalArgumentException when given weights do not match the number of classes
     */
    float[] resolve(long[] counts);

    /** The form the command line and the panel take: {@code none}, {@code balanced} or {@code 1,2,0.5}. */
    String text();

    /**
     * Reads {@code none}, {@code balanced} or weights separated by commas (each at least 0, one
     * per class, not all 0).
     *
     * @param text the text
     * @return the weights
     * @throws IllegalArgumentException quoting what is wrong
     */
    static ClassWeights parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (t.equalsIgnoreCase("balanced")) {
            return BALANCED;
        }
        String[] parts = t.split("\\s*,\\s*");
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                weights[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Class weights are 'none', 'balanced' or numbers separated by commas,"
                        + " one per class; '" + parts[i] + "' is not a number");
            }
        }
        return new Given(weights);
    }

    /** No weighting. */
    record None() implements ClassWeights {
        @Override
        public float[] resolve(long[] counts) {
            return new float[0];
        }

        @Override
        public String text() {
            return "none";
        }
    }

    /** {@code n / (k · n_c)}; a class without examples gets weight 0 (it never occurs in a target). */
    record Balanced() implements ClassWeights {
        @Override
        public float[] resolve(long[] counts) {
            long n = Arrays.stream(counts).sum();
            float[] w = new float[counts.length];
            for (int c = 0; c < counts.length; c++) {
                w[c] = counts[c] == 0 ? 0 : (float) ((double) n / ((double) counts.length * counts[c]));
            }
            return w;
        }

        @Override
        public String text() {
            return "balanced";
        }
    }

    /**
     * Weights given per class.
     *
     * @param weights one per class, each at least 0 and finite, not all 0
     */
    record Given(double[] weights) implements ClassWeights {
        /** Checks and copies the weights. */
        public Given {
            weights = weights.clone();
            boolean any = false;
            for (double w : weights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("A class weight must be a number of 0 or more, but was " + w);
                }
                any |= w > 0;
            }
            if (!any) {
                throw new IllegalArgumentException("At least one class weight must be more than 0");
            }
        }

        @Override
        public float[] resolve(long[] counts) {
            if (counts.length != weights.length) {
                throw new IllegalArgumentException("The class weights give " + weights.length + " weight"
                        + (weights.length == 1 ? "" : "s") + ", but the data has " + counts.length + " classes");
            }
            float[] w = new float[weights.length];
            for (int c = 0; c < w.length; c++) {
                w[c] = (float) weights[c];
            }
            return w;
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder();
            for (double w : weights) {
                b.append(b.length() == 0 ? "" : ",").append(w == Math.rint(w) ? Long.toString((long) w)
                        : String.format(Locale.ROOT, "%s", w));
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Given g && Arrays.equals(weights, g.weights);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            return "Given" + Arrays.toString(weights);
        }
    }
}
