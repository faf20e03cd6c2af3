package org.netstudio.inspector.params;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.catalog.ParamKind;

/**
 * Parameter values as people type and read them. {@link #parse} turns text into the raw value that
 * {@link org.netstudio.netgraph.catalog.ParamSpec#check} judges — it never decides validity itself,
 * so every message comes from the catalog and echoes what was typed ("units must be a positive
 * whole number, but got -3"). {@link #format} is its inverse for checked values. Stateless.
 *
 * <p>Lists are written with commas, "×" or "x" between entries, with or without brackets: "3, 5",
 * "3×5", "[3, 5]". A single number stays a number for int-or-list kinds ("3" is 3 on every axis).
 */
public final class ParamText {

    private ParamText() {
    }

    /**
     * The raw value for {@code text}: Integer/Long/Double for numbers, Boolean, a List for lists,
     * otherwise the stripped text itself (which the check then rejects with its sentence). Blank
     * text gives {@code null}, meaning "the default".
     */
    public static Object parse(ParamKind kind, String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case INT, REAL -> number(s);
            case BOOL -> bool(s);
            case CHOICE, EXPRESSION -> s;
            case INT_OR_LIST -> intOrList(s);
            case PADDING -> s.equalsIgnoreCase("same") ? "same" : intOrList(s);
            case INT_LIST -> list(s);
        };
    }

    /** A checked value as text: 3 → "3", [3, 5] → "3, 5", 0.5 → "0.5", 1.0E-5 → "1e-5"; null → "". */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return formatReal(d);
        }
        if (value instanceof Float f) {
            return formatReal(f.doubleValue());
        }
        if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>(l.size());
            for (Object o : l) {
                parts.add(format(o));
            }
            return String.join(", ", parts);
        }
        return value.toString();
    }

    /** A real number the shortest way that reads back to the same double: 0.5, 1e-05 → "1e-5", 100 → "100". */
    public static String formatReal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent >= -4 && exponent < 15) {
            return b.toPlainString();
        }
        String sci = Double.toString(d);
        int e = sci.indexOf('E');
        String mantissa = new BigDecimal(sci.substring(0, e)).stripTrailingZeros().toPlainString();
        return mantissa + "e" + sci.substring(e + 1);
    }

    private static Object number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notWhole) {
            try {
                double d = Double.parseDouble(s);
                // "1e400" or "nan" are not numbers a person means; let the check quote the text.
                return Double.isFinite(d) && !s.matches("(?i).*[a-df-z].*") ? d : s;
            } catch (NumberFormatException notNumber) {
                return s;
            }
        }
    }

    private static Object bool(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equalsIgnoreCase("no") || s.equals("0")) {
            return Boolean.FALSE;
        }
        return s;
    }

    private static Object intOrList(String s) {
        Object single = number(s);
        if (single instanceof Number) {
            return single;
        }
        return list(s);
    }

    /** "3, 5", "3×5", "[3 5]" → [3, 5]; anything that is not all numbers stays text. */
    private static Object list(String s) {
        String body = s;
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1).strip();
        }
        if (body.isEmpty()) {
            return List.of();
        }
        // "x" separates only between digits ("3x5"), so that "3, x" stays text and is refused.
        String[] parts = body.split("\\s*[,;×*]\\s*|(?<=\\d)\\s*[xX]\\s*(?=[-\\d])|\\s+", -1);
        List<Object> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty()) {
                return s;
            }
            Object n = number(p);
            if (!(n instanceof Number)) {
                return s;
            }
            out.add(n);
        }
        return out;
    }
}
