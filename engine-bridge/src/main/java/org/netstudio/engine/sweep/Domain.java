package org.netstudio.engine.sweep;

import java.util.List;

/**
 * The values a varied option or parameter may take: a list of choices, or an interval sampled
 * linearly or on a log scale, of real numbers or integers.
 */
public sealed interface Domain permits Domain.Choices, Domain.Interval {

    /**
     * A list of values, tried as given.
     *
     * @param values numbers ({@link Double} or {@link Integer}) or names, at least one
     */
    record Choices(List<Object> values) implements Domain {
        /** Copies the list and checks that it is not empty. */
        public Choices {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("A list of choices needs at least one value");
            }
        }
    }

    /**
     * The numbers from {@code low} to {@code high}, both included.
     *
     * @param low the smallest value
     * @param high the largest value, greater than {@code low}
     * @param log whether to sample evenly on a log scale (then {@code low} is positive)
     * @param integer whether the values are whole numbers (rounded)
     */
    record Interval(double low, double high, boolean log, boolean integer) implements Domain {
        /** Checks the bounds. */
        public Interval {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("an interval needs a smaller number before '..' than after it");
            }
            if (log && !(low > 0)) {
                throw new IllegalArgumentException("a log scale needs numbers above 0");
            }
        }

        /** The value at a position in [0, 1] of the interval, on its scale, rounded for integers. */
        public Object at(double position) {
            double v = log ? Math.exp(Math.log(low) + position * (Math.log(high) - Math.log(low)))
                    : low + position * (high - low);
            v = Math.min(high, Math.max(low, v));
            return integer ? (Object) (int) Math.round(v) : (Object) v;
        }
    }
}
