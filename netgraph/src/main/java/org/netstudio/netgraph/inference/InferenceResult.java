package org.netstudio.netgraph.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The outcome of whole-net inference: the resolved type of every port (containers' ports and
 * the net's own at the root path included), every catalog layer's details, and the diagnostics.
 * Immutable.
 *
 * @param layers catalog layers in evaluation order (chains in order, graphs topologically)
 * @param wiring the flattened net those layers form, wire by wire (see {@link Wiring})
 */
public record InferenceResult(Map<PortKey, TensorType> ports, List<LayerInfo> layers, List<Diagnostic> diagnostics,
                              Wiring wiring) {

    public InferenceResult {
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        layers = List.copyOf(layers);
        diagnostics = List.copyOf(diagnostics);
        java.util.Objects.requireNonNull(wiring, "wiring");
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** The type of a port, {@link TensorType#ANY} if the port is unknown. */
    public TensorType type(NodePath node, String port, boolean input) {
        return ports.getOrDefault(new PortKey(node, port, input), TensorType.ANY);
    }

    public TensorType inputType(NodePath node, String port) {
        return type(node, port, true);
    }

    public TensorType outputType(NodePath node, String port) {
        return type(node, port, false);
    }

    public LayerInfo layer(NodePath path) {
        for (LayerInfo l : layers) {
            if (l.path().equals(path)) {
                return l;
            }
        }
        return null;
    }

    /** Diagnostics about this node or anything inside it. */
    public List<Diagnostic> diagnosticsWithin(NodePath node) {
        return diagnostics.stream().filter(d -> d.node().startsWith(node)).toList();
    }

    public List<Diagnostic> diagnosticsOf(NodePath node) {
        return diagnostics.stream().filter(d -> d.node().equals(node)).toList();
    }
}
