package org.netstudio.netgraph.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The outcome of whole-net inference: the resolved type of every port (containers' ports and
 * the net's own at the root path included), every catalog layer's details, and the diagnostics.
 * Layers and ports inside a sequence operator are included with their paths ({@code map1/net/linear1});
 * their types are those of the inner net, e.g. of one element for a Map. Immutable.
 *
 * @param layers    every catalog layer in evaluation order (chains in order, graphs topologically;
 *                  those inside an operator where the operator is evaluated)
 * @param wiring    the flattened net, wire by wire, whose steps are the layers outside any operator
 *                  and the outermost operators (see {@link Wiring})
 * @param operators the outermost sequence operators by path, with their inner nets' own inference
 */
public record InferenceResult(Map<PortKey, TensorType> ports, List<LayerInfo> layers, List<Diagnostic> diagnostics,
                              Wiring wiring, Map<NodePath, OperatorInfo> operators) {

    public InferenceResult {
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        layers = List.copyOf(layers);
        diagnostics = List.copyOf(diagnostics);
        java.util.Objects.requireNonNull(wiring, "wiring");
        operators = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operators));
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

    /**
     * The sequence operator at {@code path}, at any depth (inside another operator too), or null
     * when there is none.
     */
    public OperatorInfo operator(NodePath path) {
        OperatorInfo found = operators.get(path);
        if (found != null) {
            return found;
        }
        for (OperatorInfo op : operators.values()) {
            if (path.startsWith(op.path())) {
                for (InferenceResult inner : op.inner().values()) {
                    OperatorInfo deeper = inner.operator(path);
                    if (deeper != null) {
                        return deeper;
                    }
                }
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
