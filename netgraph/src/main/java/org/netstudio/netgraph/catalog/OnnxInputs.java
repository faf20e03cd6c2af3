package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code inputs} parameter of an {@code OnnxOperator}: for each ONNX input in order, whether
 * it arrives on a wire ({@code "wire int64"}), is a constant array of the layer
 * ({@code "array float 384×384"}, named {@code array<k>} for input k from 1), or is left out
 * ({@code "none"}). An operator all of whose inputs are constant still takes one wire, marked
 * {@code "order"}, that only places it in the net and is not passed to ONNX. The type word is
 * the ONNX element type in lower case. Stateless.
 */
public final class OnnxInputs {

    private OnnxInputs() {
    }

    /** How one input is given. */
    public enum Kind { WIRE, ARRAY, NONE, ORDER }

    /**
     * One input.
     *
     * @param elementType the ONNX element type ("float", "int64", "bool" …), or "" when unknown
     * @param shape       the array's shape (arrays only; empty otherwise)
     */
    public record Entry(Kind kind, String elementType, long[] shape) {
    }

    /** The text of the entries. */
    public static String format(List<Entry> entries) {
        List<String> parts = new ArrayList<>();
        for (Entry e : entries) {
            switch (e.kind()) {
                case NONE -> parts.add("none");
                case ORDER -> parts.add("order");
                case WIRE -> parts.add(("wire " + e.elementType()).strip());
                case ARRAY -> {
                    List<String> dims = new ArrayList<>();
                    for (long s : e.shape()) {
                        dims.add(Long.toString(s));
                    }
                    parts.add("array " + e.elementType() + " " + (dims.isEmpty() ? "scalar" : String.join("×", dims)));
                }
                default -> throw new IllegalStateException();
            }
        }
        return String.join("; ", parts);
    }

    /** The entries of a text; entries that cannot be read count as wires of unknown type. */
    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            String[] w = part.strip().split("\\s+");
            if (w[0].equals("none")) {
                out.add(new Entry(Kind.NONE, "", new long[0]));
            } else if (w[0].equals("order")) {
                out.add(new Entry(Kind.ORDER, "", new long[0]));
            } else if (w[0].equals("array") && w.length == 3) {
                out.add(new Entry(Kind.ARRAY, w[1], shape(w[2])));
            } else {
                out.add(new Entry(Kind.WIRE, w.length > 1 ? w[1] : "", new long[0]));
            }
        }
        return out;
    }

    private static long[] shape(String text) {
        if (text.equals("scalar")) {
            return new long[0];
        }
        return Arrays.stream(text.split("×")).mapToLong(OnnxInputs::size).toArray();
    }

    /** One size of a shape's text; 0 when it is not a number. */
    private static long size(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
