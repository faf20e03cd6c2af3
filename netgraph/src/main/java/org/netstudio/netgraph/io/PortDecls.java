package org.netstudio.netgraph.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Port declarations as the net file writes them, and the check that a declaration can be written:
 * <ul>
 * <li>nothing declared: {@code {}};</li>
 * <li>real numbers of a shape: {@code {"shape": [1, 28, 28]}} or {@code {"shape": ["n", 20]}}
 * (a word is a varying length);</li>
 * <li>indices: {@code {"shape": ["n"], "index": 97}} (n integers in 0..96; the shape may be left
 * out when its rank is not known);</li>
 * <li>an encoder (inputs) or decoder (outputs): {@code {"encoder": {"type": "Image", …}}}, whose
 * tensor type is what {@link Coders#typeOf} says.</li>
 * </ul>
 * Other types (integer kinds, unknown dimensions) are inference results, not declarations, and
 * cannot be written. Stateless; safe from any thread.
 */
public final class PortDecls {

    private PortDecls() {
    }

    /** Real numbers of this shape; each entry is a size (Integer) or a varying length's name (String). */
    public static PortDecl shape(Object... dims) {
        return PortDecl.of(TensorType.real(dims(dims)));
    }

    /** Indices in {@code 0..range-1} of this shape (entries as for {@link #shape}). */
    public static PortDecl indices(int range, Object... dims) {
        return PortDecl.of(new TensorType(ElementKind.index(range), dims(dims)));
    }

    /** An input with this encoder; throws IllegalArgumentException when the encoder is not valid. */
    public static PortDecl encoder(Coder coder) {
        return new PortDecl(Coders.typeOf(coder, true), coder);
    }

    /** An output with this decoder; throws IllegalArgumentException when the decoder is not valid. */
    public static PortDecl decoder(Coder coder) {
        return new PortDecl(Coders.typeOf(coder, false), coder);
    }

    /** What a net declares about its inputs, by port in order: a chain's one input, a graph's inputs; none for a layer. */
    public static Map<String, PortDecl> inputs(NetNode net) {
        if (net instanceof Chain c) {
            return Map.of(c.inputNames().get(0), c.input());
        }
        return net instanceof Graph g ? g.inputs() : Map.of();
    }

    /** What a net declares about its outputs, by port in order: a chain's one output, a graph's outputs; none for a layer. */
    public static Map<String, PortDecl> outputs(NetNode net) {
        if (net instanceof Chain c) {
            return Map.of(c.outputNames().get(0), c.output());
        }
        return net instanceof Graph g ? g.outputs() : Map.of();
    }

    private static List<Dim> dims(Object... dims) {
        List<Dim> out = new ArrayList<>(dims.length);
        for (Object d : dims) {
            if (d instanceof Integer i) {
                out.add(Dim.of(i));
            } else if (d instanceof String s) {
                out.add(Dim.symbolic(s));
            } else {
                throw new IllegalArgumentException("a shape entry is a size or a name, but got " + d);
            }
        }
        return out;
    }

    /**
     * Why this declaration cannot be written to a net file, as a sentence fragment ("its rank is not
     * known"), or empty when it can. {@code input} tells an encoder (input) from a decoder (output).
     */
    public static Optional<String> unwritable(PortDecl decl, boolean input) {
        String coderWord = input ? "encoder" : "decoder";
        if (decl.coder() != null) {
            TensorType implied;
            try {
                implied = Coders.typeOf(decl.coder(), input);
            } catch (IllegalArgumentException e) {
                return Optional.of("its " + coderWord + " is not valid: " + e.getMessage());
            }
            if (!implied.equals(decl.type())) {
                return Optional.of("its declared type " + decl.type() + " differs from the type its " + coderWord
                        + " gives, " + implied);
            }
            try {
                JsonValues.toJson(decl.coder().options(), "its " + coderWord);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
            return Optional.empty();
        }
        TensorType t = decl.type();
        if (t.equals(TensorType.ANY)) {
            return Optional.empty();
        }
        boolean index = t.kind() instanceof ElementKind.Index i && i.rangeKnown();
        boolean integer = t.kind() instanceof ElementKind.Integer;
        if (!index && !integer && !(t.kind() instanceof ElementKind.Real)) {
            return Optional.of("its element kind " + t.kind()
                    + " cannot be declared (only real numbers, integers or indices with a known range)");
        }
        if (t.dims() == null) {
            return index ? Optional.empty() : Optional.of("its rank is not known");
        }
        for (int i = 0; i < t.dims().size(); i++) {
            if (!t.dims().get(i).isKnown()) {
                return Optional.of("dimension " + (i + 1) + " of its shape " + t.shapeText() + " is not known");
            }
        }
        return Optional.empty();
    }
}
