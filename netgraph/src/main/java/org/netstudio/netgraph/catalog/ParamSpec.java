package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.netstudio.netgraph.text.Shown;

/**
 * One parameter of a layer type: its file name, kind, default, bounds and documentation.
 * {@link #check(Object)} validates a value as read from a file or typed in the inspector and
 * normalises it (e.g. 3.0 → 3 for integers); its messages echo the value received.
 *
 * @param defaultValue the value used when the parameter is absent; {@code null} when required
 *                     (see {@link #required()}) or when absence has a meaning of its own
 *                     (Pooling's stride defaults to its kernel)
 * @param min          smallest allowed value (numbers, list entries), or {@code null}
 * @param max          largest allowed value, or {@code null}
 * @param maxExclusive whether {@code max} itself is excluded (Dropout's rate &lt; 1)
 */
public record ParamSpec(String name, ParamKind kind, Object defaultValue, boolean required, Double min,
                        Double max, boolean maxExclusive, List<String> choices, String doc) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = choices == null ? List.of() : List.copyOf(choices);
        doc = doc == null ? "" : doc;
    }

    public static ParamSpec required(String name, ParamKind kind, Double min, String doc) {
        return new ParamSpec(name, kind, null, true, min, null, false, List.of(), doc);
    }

    public static ParamSpec optional(String name, ParamKind kind, Object dflt, Double min, String doc) {
        return new ParamSpec(name, kind, dflt, false, min, null, false, List.of(), doc);
    }

    public static ParamSpec choice(String name, String dflt, List<String> choices, String doc) {
        return new ParamSpec(name, ParamKind.CHOICE, dflt, false, null, null, false, choices, doc);
    }

    /** The outcome of checking one value. */
    public sealed interface Check permits Valid, Invalid {
    }

    /** The value, normalised to Integer, Double, Boolean, String or List&lt;Integer&gt;. */
    public record Valid(Object value) implements Check {
    }

    /** A sentence such as "units must be a positive whole number, but got -3". */
    public record Invalid(String message) implements Check {
    }

    public Check check(Object raw) {
        if (raw == null) {
            return required ? new Invalid(name + " is required") : new Valid(defaultValue);
        }
        return switch (kind) {
            case INT -> checkInt(raw, name);
            case REAL -> checkReal(raw);
            case BOOL -> raw instanceof Boolean b ? new Valid(b)
                    : new Invalid(name + " must be true or false, but got " + quote(raw));
            case CHOICE -> checkChoice(raw);
            case INT_OR_LIST -> checkIntOrList(raw, false);
            case PADDING -> checkIntOrList(raw, true);
            case INT_LIST -> checkIntList(raw);
            case EXPRESSION -> raw instanceof String s && !s.isBlank() ? new Valid(s.strip())
                    : new Invalid(name + " must be an expression in x such as \"tanh(x)\", but got " + quote(raw));
        };
    }

    private Check checkInt(Object raw, String what) {
        Integer v = asInt(raw);
        if (v == null) {
            return new Invalid(what + " must be a whole number, but got " + quote(raw));
        }
        String bound = boundProblem(v);
        return bound == null ? new Valid(v) : new Invalid(what + " must be " + bound + ", but got " + v);
    }

    private Check checkReal(Object raw) {
        if (!(raw instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
            return new Invalid(name + " must be a number, but got " + quote(raw));
        }
        double v = n.doubleValue();
        String bound = boundProblem(v);
        return bound == null ? new Valid(v) : new Invalid(name + " must be " + bound + ", but got " + fmt(v));
    }

    private Check checkChoice(Object raw) {
        if (raw instanceof String s) {
            String lower = s.toLowerCase(Locale.ROOT);
            for (String c : choices) {
                if (c.equalsIgnoreCase(lower)) {
                    return new Valid(c);
                }
            }
        }
        return new Invalid(name + " must be one of " + String.join(", ", quoteAll(choices)) + ", but got " + quote(raw));
    }

    private Check checkIntOrList(Object raw, boolean allowSame) {
        if (allowSame && raw instanceof String s && s.equalsIgnoreCase("same")) {
            return new Valid("same");
        }
        if (raw instanceof List<?>) {
            Check c = checkIntList(raw);
            if (c instanceof Valid v && ((List<?>) v.value()).isEmpty()) {
                return new Invalid(name + " must list at least one size, but got []");
            }
            return c;
        }
        if (asInt(raw) != null) {
            return checkInt(raw, name);
        }
        String expected = allowSame ? "a whole number, a list of them, or \"same\"" : "a whole number or a list of them";
        return new Invalid(name + " must be " + expected + ", but got " + quote(raw));
    }

    private Check checkIntList(Object raw) {
        if (!(raw instanceof List<?> list)) {
            return new Invalid(name + " must be a list of whole numbers, but got " + quote(raw));
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object o : list) {
            Integer v = asInt(o);
            if (v == null) {
                return new Invalid(name + " must be a list of whole numbers, but got " + quote(raw));
            }
            String bound = boundProblem(v);
            if (bound != null) {
                return new Invalid("every entry of " + name + " must be " + bound + ", but got " + quote(raw));
            }
            out.add(v);
        }
        return new Valid(List.copyOf(out));
    }

    private String boundProblem(double v) {
        if (min != null && v < min) {
            if (max != null) {
                return "between " + fmt(min) + " and " + fmt(max) + (maxExclusive ? " (exclusive)" : "");
            }
            if (min == 1 && kind != ParamKind.REAL) {
                return "a positive whole number";
            }
            if (min == 0) {
                return kind == ParamKind.REAL ? "zero or more" : "zero or a positive whole number";
            }
            return "at least " + fmt(min);
        }
        if (max != null && (v > max || (maxExclusive && v == max))) {
            return (maxExclusive ? "less than " : "at most ") + fmt(max);
        }
        return null;
    }

    private static Integer asInt(Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        return null;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String quote(Object raw) {
        return Shown.text(quoteWhole(raw));
    }

    private static String quoteWhole(Object raw) {
        if (raw instanceof String s) {
            return "\"" + s + "\"";
        }
        if (raw instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(quoteWhole(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(raw);
    }

    private static List<String> quoteAll(List<String> words) {
        return words.stream().map(w -> "\"" + w + "\"").toList();
    }
}
