package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one layer, defaults filled in. Values are Integer, Double,
 * Boolean, String or List&lt;Integer&gt;; a parameter without a value (e.g. Pooling's stride) is
 * absent. Immutable.
 */
public record Params(Map<String, Object> values) {

    public static final Params NONE = new Params(Map.of());

    public Params {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public int getInt(String name) {
        return ((Number) values.get(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    public boolean getBool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public String getString(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) values.get(name);
    }

    /**
     * An int-or-list parameter spread over {@code axes} spatial axes: 3 → [3, 3]. Returns
     * {@code null} when the list has a different length (the caller reports that).
     */
    public int[] perAxis(String name, int axes) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            int[] out = new int[axes];
            java.util.Arrays.fill(out, n.intValue());
            return out;
        }
        if (v instanceof List<?> l) {
            if (l.size() == 1) {
                return perAxis1(((Number) l.get(0)).intValue(), axes);
            }
            if (l.size() != axes) {
                return null;
            }
            return l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        }
        return null;
    }

    private static int[] perAxis1(int v, int axes) {
        int[] out = new int[axes];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /** Formats an int-or-list value for people: 5 → "5×5" on two axes, [3, 5] → "3×5". */
    public String perAxisText(String name, int axes) {
        int[] v = perAxis(name, axes);
        if (v == null) {
            return String.valueOf(values.get(name));
        }
        List<String> parts = new ArrayList<>();
        for (int x : v) {
            parts.add(Integer.toString(x));
        }
        return String.join("×", parts);
    }
}
