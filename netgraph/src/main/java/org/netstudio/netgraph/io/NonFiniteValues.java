package org.netstudio.netgraph.io;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the arrays of a net's {@link Weights} that hold values which are not finite numbers (NaN
 * or ±infinity): a net with one such value gives NaN for most inputs, and a training that diverged
 * leaves them behind. Whole-number arrays are always finite. Stateless and thread-safe.
 */
public final class NonFiniteValues {

    /**
     * One array with values that are not finite.
     *
     * @param key      the array's key in the weights ({@code "linear1/weights"})
     * @param nan      how many of its values are NaN
     * @param infinite how many are +infinity or -infinity
     * @param size     how many values it holds in all
     */
    public record Found(String key, long nan, long infinite, long size) {

        /** Checks the key is given. */
        public Found {
            Objects.requireNonNull(key, "key");
        }

        /** "linear1/weights (3 NaN of 32)", "linear1/biases (1 infinite of 3)". */
        public String describe() {
            List<String> what = new ArrayList<>();
            if (nan > 0) {
                what.add(nan + " NaN");
            }
            if (infinite > 0) {
                what.add(infinite + " infinite");
            }
            return key + " (" + String.join(" and ", what) + " of " + size + ")";
        }
    }

    private NonFiniteValues() {
    }

    /**
     * The arrays holding a NaN or an infinity, in key order.
     *
     * @param weights the weights to look through
     * @return one entry per such array; empty when every value is finite
     */
    public static List<Found> in(Weights weights) {
        List<Found> found = new ArrayList<>();
        for (WeightArray a : weights.arrays().values()) {
            if (!a.isReal()) {
                continue;
            }
            FloatBuffer values = a.floatView();
            long nan = 0;
            long infinite = 0;
            while (values.hasRemaining()) {
                float v = values.get();
                if (Float.isNaN(v)) {
                    nan++;
                } else if (Float.isInfinite(v)) {
                    infinite++;
                }
            }
            if (nan + infinite > 0) {
                found.add(new Found(a.name(), nan, infinite, a.size()));
            }
        }
        return found;
    }

    /**
     * A sentence naming the arrays that are not finite (at most five, then how many more), or
     * empty when every value is finite: "2 arrays hold values that are not finite numbers:
     * linear1/weights (3 NaN of 32), linear2/biases (1 infinite of 3)".
     */
    public static Optional<String> describe(Weights weights) {
        List<Found> found = in(weights);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = found.stream().limit(5).map(Found::describe).toList();
        String more = found.size() > named.size() ? " and " + (found.size() - named.size()) + " more" : "";
        return Optional.of(String.format(Locale.ROOT, "%s hold%s values that are not finite numbers: %s%s",
                found.size() == 1 ? "1 array" : found.size() + " arrays", found.size() == 1 ? "s" : "",
                String.join(", ", named), more));
    }
}
