package org.netstudio.inspector.ports;

import java.util.Objects;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One port of the selected node with its resolved type.
 *
 * @param input       an input (else an output)
 * @param name        the port's name, "Input", "Key", "Output"
 * @param shape       the shape as people write it: "20×24×24", "n×20" (n varies), "scalar", "?"
 * @param kind        what the numbers are: "Real", "Index 0..96", "Integer", or "?" when not known
 * @param description the type in words, "a 20×24×24 array"
 * @param accepts     what the port accepts ("an array whose last axis is a vector (…×d)"), or ""
 */
public record PortRow(boolean input, String name, String shape, String kind, String description, String accepts) {

    public PortRow {
        Objects.requireNonNull(name, "name");
        accepts = accepts == null ? "" : accepts;
    }

    public static PortRow of(boolean input, String name, TensorType type, String accepts) {
        return new PortRow(input, name, type.shapeText(), kindText(type.kind()), describe(type), accepts);
    }

    /** "Real", "Index 0..9", "Index", "Integer", "?". */
    public static String kindText(ElementKind k) {
        if (k instanceof ElementKind.Index i) {
            return i.rangeKnown() ? "Index 0.." + (i.size() - 1) : "Index";
        }
        return k.toString();
    }

    private static String describe(TensorType t) {
        if (t.equals(TensorType.ANY)) {
            return "not known yet";
        }
        String d = t.describe();
        return Character.toUpperCase(d.charAt(0)) + d.substring(1);
    }
}
