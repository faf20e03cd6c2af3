package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The text form of the types an imported ONNX operator ({@code OnnxOperator}) declares, as its
 * {@code outputs} parameter holds them: one entry per output, separated by {@code ;}, each an
 * element kind and per-example dimensions joined by {@code ×}: {@code "Real n×384; Integer 2"}.
 * A dimension is a size, a name (a varying length) or {@code ?}; {@code scalar} is rank 0 and
 * {@code any} an unknown rank. Stateless; safe from any thread.
 */
public final class OnnxTypeText {

    private OnnxTypeText() {
    }

    /** The text of one type, e.g. {@code "Real n×384"}. */
    public static String format(TensorType t) {
        String kind = t.kind() instanceof ElementKind.Real ? "Real"
                : t.kind() instanceof ElementKind.AnyKind ? "Any" : "Integer";
        if (!t.rankKnown()) {
            return kind + " any";
        }
        if (t.rank() == 0) {
            return kind + " scalar";
        }
        List<String> dims = new ArrayList<>();
        for (Dim d : t.dims()) {
            dims.add(d.toString());
        }
        return kind + " " + String.join("×", dims);
    }

    /** The text of several types. */
    public static String formatAll(List<TensorType> types) {
        List<String> parts = new ArrayList<>();
        types.forEach(t -> parts.add(format(t)));
        return String.join("; ", parts);
    }

    /** The types of a text written by {@link #formatAll}, or empty when it is not such a text. */
    public static Optional<List<TensorType>> parseAll(String text) {
        List<TensorType> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return Optional.of(out);
        }
        for (String part : text.split(";")) {
            Optional<TensorType> t = parse(part.strip());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            out.add(t.get());
        }
        return Optional.of(out);
    }

    /** One type, or empty. */
    public static Optional<TensorType> parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 2) {
            return Optional.empty();
        }
        ElementKind kind = switch (words[0]) {
            case "Real" -> ElementKind.REAL;
            case "Integer" -> ElementKind.INTEGER;
            case "Any" -> ElementKind.ANY;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        if (words[1].equals("any")) {
            return Optional.of(new TensorType(kind, null));
        }
        if (words[1].equals("scalar")) {
            return Optional.of(new TensorType(kind, List.of()));
        }
        List<Dim> dims = new ArrayList<>();
        for (String d : words[1].split("×")) {
            if (d.isEmpty()) {
                return Optional.empty();
            }
            if (d.equals("?")) {
                dims.add(Dim.UNKNOWN);
            } else if (Character.isDigit(d.charAt(0))) {
                try {
                    dims.add(Dim.of(Integer.parseInt(d)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else {
                dims.add(Dim.symbolic(d));
            }
        }
        return Optional.of(new TensorType(kind, dims));
    }
}
