package org.netstudio.netgraph.inference;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * A problem found in a net, tied to a node and, where it applies, one of its ports. The message is
 * one sentence that names the layer (name, type, position), the port, both types and the reason.
 *
 * @param node the node at fault ({@link NodePath#ROOT} for the net's own ports)
 * @param port the port at fault, or null when it is about the node as a whole
 */
public record Diagnostic(Severity severity, Kind kind, NodePath node, String port, String message) {

    public enum Severity { ERROR, WARNING }

    /** What sort of problem it is, for grouping and icons. */
    public enum Kind {
        /** A wire joins ports whose types cannot agree. */
        TYPE_MISMATCH,
        /** A parameter value does not fit the layer or its input. */
        PARAMETER,
        /** The structure is incomplete or wrong: an unconnected port, an unknown node. */
        STRUCTURE
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Kind kind, NodePath node, String port, String message) {
        return new Diagnostic(Severity.ERROR, kind, node, port, message);
    }

    @Override
    public String toString() {
        return message;
    }
}
