package org.netstudio.engine.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One configuration a sweep trains: its number and a value for each dimension.
 *
 * @param sweepId the sweep it belongs to
 * @param number from 1, in the order the trials were planned
 * @param values a value per dimension name, in the space's order
 */
public record Trial(String sweepId, int number, Map<String, Object> values) {

    /** Checks and copies the components, keeping the order of the values. */
    public Trial {
        Objects.requireNonNull(sweepId, "sweepId");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** What a run record says it came from: "sweep 20261206-2005 trial 3". */
    public String origin() {
        return "sweep " + sweepId + " trial " + number;
    }

    /** The values as the person would type them: "learningRate=0.0123 batchSize=32". */
    public String describe() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** A value as a table shows it: numbers with 4 significant digits, whole numbers as they are. */
    public static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.valueOf(d.longValue())
                    : new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toString();
        }
        return String.valueOf(value);
    }
}
