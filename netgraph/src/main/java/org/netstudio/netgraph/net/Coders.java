package org.netstudio.netgraph.net;

import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.text.Shown;

/**
 * What encoders and decoders mean for types: the tensor an encoder produces at a net input, and
 * the tensor a decoder expects at an output.
 * <ul>
 * <li>{@code Image}: {@code size} [width, height], {@code colorSpace} "Grayscale" or "RGB"
 * (optional {@code mean}, {@code std}) → a real {@code c×height×width} array;</li>
 * <li>{@code Class}: {@code labels} → an index in 0..labels-1 (encoder) or a probability vector of
 * size labels (decoder);</li>
 * <li>{@code Characters}: {@code alphabet} (a string) → n indices (encoder) or n×alphabet
 * probabilities (decoder);</li>
 * <li>{@code Boolean}: a real scalar (a probability, for a decoder).</li>
 * </ul>
 */
public final class Coders {

    public static final List<String> TYPES = List.of("Image", "Class", "Characters", "Boolean");

    private Coders() {
    }

    /**
     * The tensor type at the port; throws IllegalArgumentException with a sentence naming the bad
     * option (the reader adds the JSON path).
     */
    public static TensorType typeOf(Coder coder, boolean encoder) {
        Map<String, Object> o = coder.options();
        switch (coder.type()) {
            case "Image": {
                checkOnly(coder, "size", "colorSpace", "mean", "std");
                List<Integer> size = intList(o.get("size"), "Image size", 2);
                Object space = o.getOrDefault("colorSpace", "RGB");
                String cs = String.valueOf(space);
                int channels = switch (space instanceof String ? cs : "") {
                    case "Grayscale" -> 1;
                    case "RGB" -> 3;
                    default -> throw new IllegalArgumentException(
                            "colorSpace must be \"Grayscale\" or \"RGB\", but got " + Shown.quoted(cs));
                };
                return TensorType.real(channels, size.get(1), size.get(0));
            }
            case "Class": {
                checkOnly(coder, "labels");
                List<?> labels = labels(o.get("labels"));
                return encoder ? new TensorType(ElementKind.index(labels.size()), List.of())
                        : TensorType.real(labels.size());
            }
            case "Characters": {
                checkOnly(coder, "alphabet");
                Object a = o.get("alphabet");
                if (!(a instanceof String s) || s.isEmpty()) {
                    throw new IllegalArgumentException("Characters needs an alphabet, a non-empty string");
                }
                int size = (int) s.codePoints().count();
                return encoder ? new TensorType(ElementKind.index(size), List.of(Dim.symbolic("n")))
                        : TensorType.real(List.of(Dim.symbolic("n"), Dim.of(size)));
            }
            case "Boolean":
                checkOnly(coder);
                return TensorType.SCALAR;
            default:
                throw new IllegalArgumentException("unknown " + (encoder ? "encoder" : "decoder") + " type \""
                        + coder.type() + "\" (known: " + String.join(", ", TYPES) + ")");
        }
    }

    /** Class labels of a Class coder, or an empty list for others. */
    public static List<String> labels(Coder coder) {
        if (coder == null || !coder.type().equals("Class")) {
            return List.of();
        }
        return labels(coder.options().get("labels")).stream().map(String::valueOf).toList();
    }

    private static List<?> labels(Object raw) {
        if (!(raw instanceof List<?> l) || l.size() < 2) {
            throw new IllegalArgumentException("Class needs labels, a list of at least two class names");
        }
        return l;
    }

    private static List<Integer> intList(Object raw, String what, int n) {
        if (raw instanceof List<?> l && l.size() == n && l.stream().allMatch(x -> x instanceof Integer i && i > 0)) {
            return l.stream().map(x -> (Integer) x).toList();
        }
        throw new IllegalArgumentException(what + " must be " + n + " positive whole numbers, but got " + Shown.text(String.valueOf(raw)));
    }

    private static void checkOnly(Coder c, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : c.options().keySet()) {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException(c.type() + " has no option \"" + k + "\""
                        + (ok.isEmpty() ? "" : " (it has " + String.join(", ", ok) + ")"));
            }
        }
    }
}
