package org.netstudio.netgraph.net;

import java.util.Objects;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What a net declares about one of its input or output ports: a tensor type (possibly only
 * partly known, {@link TensorType#ANY} when nothing is declared) and an optional encoder (inputs)
 * or decoder (outputs). The tensor type implied by the coder is already folded into {@code type}.
 */
public record PortDecl(TensorType type, Coder coder) {

    public static final PortDecl UNSPECIFIED = new PortDecl(TensorType.ANY, null);

    public PortDecl {
        Objects.requireNonNull(type, "type");
    }

    public static PortDecl of(TensorType type) {
        return new PortDecl(type, null);
    }

    public boolean isUnspecified() {
        return coder == null && type.equals(TensorType.ANY);
    }
}
