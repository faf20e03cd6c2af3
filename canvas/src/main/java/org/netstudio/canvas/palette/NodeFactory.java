package org.netstudio.canvas.palette;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * Makes the node a palette entry creates: a catalog layer with sensible values for its required
 * parameters (Convolution 32, 3×3; Linear 64 …), an empty Chain or Graph container, or a sequence
 * operator holding a small net to start from (Map of a Linear, Fold of an Elman cell,
 * Bidirectional of two LSTMs).
 */
public final class NodeFactory {

    /** Values for required parameters, so that a new node is valid as dropped (edit them in the inspector). */
    private static final Map<String, Object> REQUIRED_DEFAULTS = Map.of(
            "channels", 32, "kernel", 3, "units", 64, "size", 64, "function", "tanh(x)",
            "shape", List.of(-1), "perm", List.of(1, 0), "before", List.of(1, 1));

    private NodeFactory() {
    }

    /**
     * Types the palette does not offer: an opaque ONNX operator only comes from an imported model,
     * which gives it its operator, attributes and output types; made from scratch it would be empty.
     */
    private static final java.util.Set<String> IMPORT_ONLY = java.util.Set.of("OnnxOperator");

    /** Whether the palette offers this type (every catalog type but the import-only ones). */
    public static boolean offered(LayerType t) {
        return !IMPORT_ONLY.contains(t.name());
    }

    /** Palette ids: every catalog type name the palette offers, then the containers ("Chain", "Graph", "Map"…). */
    public static List<String> ids() {
        List<String> ids = new java.util.ArrayList<>(LayerCatalog.standard().types().stream()
                .filter(NodeFactory::offered).map(LayerType::name).toList());
        ids.addAll(LayerCatalog.CONTAINERS);
        return ids;
    }

    /**
     * A new node of the type or container with this name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static NetNode create(String typeOrContainer) {
        if (typeOrContainer.equals("Chain")) {
            return new Chain(List.of(), PortDecl.UNSPECIFIED, PortDecl.UNSPECIFIED);
        }
        if (typeOrContainer.equals("Graph")) {
            Map<String, PortDecl> in = new LinkedHashMap<>();
            in.put("Input", PortDecl.UNSPECIFIED);
            Map<String, PortDecl> out = new LinkedHashMap<>();
            out.put("Output", PortDecl.UNSPECIFIED);
            return new Graph(in, Map.of(), List.of(), out);
        }
        if (typeOrContainer.equals("Map")) {
            return new MapOperator(Chain.of(PortDecl.UNSPECIFIED, create("Linear")));
        }
        if (typeOrContainer.equals("Fold")) {
            return new FoldOperator(elmanCell());
        }
        if (typeOrContainer.equals("Bidirectional")) {
            return new BidirectionalOperator(create("LSTM"), create("LSTM"), BidirectionalOperator.CATENATE);
        }
        LayerType t = LayerCatalog.standard().resolve(typeOrContainer)
                .orElseThrow(() -> new IllegalArgumentException("unknown layer type \"" + typeOrContainer + "\""));
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec p : t.params()) {
            if (p.required()) {
                Object v = t.name().equals("Pooling") && p.name().equals("kernel") ? 2 : REQUIRED_DEFAULTS.get(p.name());
                values.put(p.name(), v != null ? v : 1);
            }
        }
        return new Layer(t.name(), values, 0);
    }

    /** The net a new Fold carries its state with: the next state is tanh(Linear([element, state])). */
    private static Graph elmanCell() {
        Map<String, PortDecl> in = new LinkedHashMap<>();
        in.put("Input", PortDecl.UNSPECIFIED);
        in.put(FoldOperator.STATE, PortDecl.UNSPECIFIED);
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("cat", Layer.of("Catenate"));
        nodes.put("linear", create("Linear"));
        nodes.put("tanh", Layer.of("Tanh"));
        List<Edge> edges = List.of(
                new Edge(PortRef.graphPort("Input"), PortRef.of("cat", "Input1")),
                new Edge(PortRef.graphPort(FoldOperator.STATE), PortRef.of("cat", "Input2")),
                new Edge(PortRef.of("cat", "Output"), PortRef.of("linear", "Input")),
                new Edge(PortRef.of("linear", "Output"), PortRef.of("tanh", "Input")),
                new Edge(PortRef.of("tanh", "Output"), PortRef.graphPort("Output")));
        Map<String, PortDecl> out = new LinkedHashMap<>();
        out.put("Output", PortDecl.UNSPECIFIED);
        return new Graph(in, nodes, edges, out);
    }
}
