package org.netstudio.canvas.level;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.catalog.PortSpec;
import org.netstudio.netgraph.edit.ChainToGraph;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Builds the {@link LevelView} of one graph level from a document and its inference result. Pure;
 * linear in the size of the level plus the number of layers and diagnostics.
 */
public final class LevelBuilder {

    /** The catalog type of nodes imported from ONNX that no catalog layer computes. */
    private static final String ONNX_OPERATOR = "OnnxOperator";

    /** What an input nobody declared yet shows instead of its unknown type ("?"). */
    public static final String UNSET_INPUT = "? · click to set";

    private LevelBuilder() {
    }

    /**
     * The level as a graph: a chain is shown as the graph it converts to, a sequence operator as
     * its inner nets between its ports (see {@link #operatorGraph}).
     */
    private static Graph asGraph(NetNode level, NodePath path) {
        if (level instanceof Graph g) {
            return g;
        }
        if (level instanceof Chain c) {
            return ChainToGraph.view(c);
        }
        if (level instanceof SequenceOperator op) {
            return operatorGraph(op);
        }
        throw new IllegalArgumentException("'" + path + "' is not a container that can be opened");
    }

    /**
     * What the inside of a sequence operator shows: its inner nets as nodes under their names,
     * wired from the operator's Input to its Output. A Map's net reads the Input; a Fold's net
     * also reads its own output as its State (the state carried to the next element); a
     * Bidirectional's forward and backward nets both read the Input and both feed the Output,
     * which joins them. For showing only: the net's structure is the operator's, not a graph's.
     */
    private static Graph operatorGraph(SequenceOperator op) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String name : op.innerNames()) {
            NetNode inner = op.inner(name);
            nodes.put(name, inner);
            List<String> ins = inner.inputNames();
            List<String> outs = inner.outputNames();
            String element = ins.contains("Input") ? "Input" : ins.isEmpty() ? null : ins.get(0);
            if (element != null) {
                edges.add(new Edge(PortRef.graphPort("Input"), PortRef.of(name, element)));
            }
            if (!outs.isEmpty()) {
                if (op instanceof FoldOperator && ins.contains(FoldOperator.STATE)) {
                    edges.add(new Edge(PortRef.of(name, outs.get(0)), PortRef.of(name, FoldOperator.STATE)));
                }
                edges.add(new Edge(PortRef.of(name, outs.get(0)), PortRef.graphPort("Output")));
            }
        }
        return new Graph(Map.of("Input", PortDecl.UNSPECIFIED), nodes, edges, Map.of("Output", PortDecl.UNSPECIFIED));
    }

    /**
     * @param auto positions computed by auto-layout for ids the document's layout does not place
     */
    public static LevelView build(NetDocument doc, InferenceResult inf, NodePath path, Map<String, Layout.Position> auto) {
        return build(doc, inf, path, auto, false);
    }

    /**
     * @param auto     positions computed by auto-layout for ids the document's layout does not place
     * @param previews whether nodes make room for a preview of their value at their right edge
     */
    public static LevelView build(NetDocument doc, InferenceResult inf, NodePath path, Map<String, Layout.Position> auto,
                                  boolean previews) {
        double portWidth = NodeGeometry.PORT_NODE_WIDTH + (previews ? NodeGeometry.PREVIEW_ROOM : 0);
        double layerRoom = previews ? NodeGeometry.PREVIEW_ROOM : 0;
        NetNode level = NetPaths.find(doc.net(), path).orElse(null);
        Graph g = asGraph(level, path);
        Map<String, LayerInfo> infos = new HashMap<>();
        Map<String, Long> containerParams = new HashMap<>();
        for (LayerInfo li : inf.layers()) {
            NodePath p = li.path();
            if (p.depth() == path.depth() + 1 && p.startsWith(path)) {
                infos.put(p.leaf(), li);
            } else if (p.depth() > path.depth() + 1 && p.startsWith(path)) {
                String child = p.names().get(path.depth());
                long c = li.parameterCount();
                containerParams.merge(child, c, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
            }
        }
        Map<String, List<Diagnostic>> nodeDiags = new HashMap<>();
        Map<String, Integer> inner = new HashMap<>();
        for (Diagnostic d : inf.diagnostics()) {
            NodePath p = d.node();
            if (!p.startsWith(path)) {
                continue;
            }
            if (p.depth() == path.depth()) {
                if (d.port() != null) {
                    nodeDiags.computeIfAbsent(Layouts.portId(d.port()), k -> new ArrayList<>()).add(d);
                }
            } else if (p.depth() == path.depth() + 1) {
                nodeDiags.computeIfAbsent(p.leaf(), k -> new ArrayList<>()).add(d);
            } else {
                inner.merge(p.names().get(path.depth()), 1, Integer::sum);
            }
        }
        Set<PortRef> sources = new HashSet<>();
        Set<PortRef> targets = new HashSet<>();
        for (Edge e : g.edges()) {
            sources.add(e.from());
            targets.add(e.to());
        }
        List<NodeItem> nodes = new ArrayList<>(g.nodes().size() + g.inputs().size() + g.outputs().size());
        Layout layout = doc.layout();
        for (Map.Entry<String, PortDecl> e : g.inputs().entrySet()) {
            String id = Layouts.portId(e.getKey());
            TensorType t = inf.inputType(path, e.getKey());
            List<Diagnostic> ds = nodeDiags.getOrDefault(id, List.of());
            PortItem out = new PortItem(e.getKey(), false, t, null, null, sources.contains(PortRef.graphPort(e.getKey())),
                    portWidth / 2, NodeGeometry.PORT_NODE_HEIGHT, messages(ds));
            nodes.add(portNode(id, NodeItem.Kind.INPUT, e.getKey(), e.getValue(), t, List.of(), List.of(out), ds,
                    position(layout, auto, path, id), portWidth));
        }
        for (Map.Entry<String, NetNode> e : g.nodes().entrySet()) {
            String name = e.getKey();
            NetNode n = e.getValue();
            NodePath childPath = path.child(name);
            List<Diagnostic> ds = nodeDiags.getOrDefault(name, List.of());
            List<String> ins = n.inputNames();
            List<String> outs = n.outputNames();
            NodeItem.Kind kind = n instanceof Layer ? NodeItem.Kind.LAYER : NodeItem.Kind.CONTAINER;
            String title = n.typeName();
            String detail;
            String params;
            String category;
            if (n instanceof Layer layer && layer.type().equals(ONNX_OPERATOR)) {
                // An imported opaque node reads as its ONNX operator ("Shape  ONNX"), not as a catalog type.
                title = layer.params().getString("op");
                detail = "ONNX";
                LayerInfo li = infos.get(name);
                params = li == null ? "" : NodeText.paramCount(li.parameterCount());
                category = layer.layerType().category().styleClass();
            } else if (n instanceof Layer layer) {
                LayerInfo li = infos.get(name);
                TensorType in0 = ins.isEmpty() ? TensorType.ANY : inf.inputType(childPath, ins.get(0));
                detail = NodeText.keyParams(layer, in0.rankKnown() ? in0.rank() - 1 : -1);
                params = li == null ? "" : NodeText.paramCount(li.parameterCount());
                category = layer.layerType().category().styleClass();
            } else {
                detail = NodeText.containerDetail(n);
                params = NodeText.paramCount(containerParams.getOrDefault(name, 0L));
                category = Category.CONTAINER.styleClass();
            }
            String shape = outs.isEmpty() ? "" : NodeText.shapeText(inf.outputType(childPath, outs.get(0)));
            double w = NodeGeometry.layerWidth(title, detail, NodeText.shownName(name, title), shape, params) + layerRoom;
            double h = NodeGeometry.height(kind, ins.size());
            List<PortItem> inPorts = new ArrayList<>(ins.size());
            for (int i = 0; i < ins.size(); i++) {
                String port = ins.get(i);
                PortSpec spec = n instanceof Layer l ? l.layerType().inputSpec(port) : null;
                inPorts.add(new PortItem(port, true, inf.inputType(childPath, port), spec == null ? null : spec.requirement(),
                        null, targets.contains(PortRef.of(name, port)), NodeGeometry.portX(w, i, ins.size()), 0,
                        portMessages(ds, port)));
            }
            List<PortItem> outPorts = new ArrayList<>(outs.size());
            for (int i = 0; i < outs.size(); i++) {
                String port = outs.get(i);
                outPorts.add(new PortItem(port, false, inf.outputType(childPath, port), null, null,
                        sources.contains(PortRef.of(name, port)), NodeGeometry.portX(w, i, outs.size()), h,
                        ins.contains(port) ? List.of() : portMessages(ds, port)));
            }
            Layout.Position pos = position(layout, auto, path, name);
            nodes.add(new NodeItem(name, kind, n.typeName(), title, detail, shape, params, category, inPorts,
                    outPorts, pos == null ? 0 : pos.x(), pos == null ? 0 : pos.y(), pos != null, w, h, messages(ds),
                    inner.getOrDefault(name, 0)));
        }
        for (Map.Entry<String, PortDecl> e : g.outputs().entrySet()) {
            String id = Layouts.portId(e.getKey());
            TensorType t = inf.outputType(path, e.getKey());
            List<Diagnostic> ds = nodeDiags.getOrDefault(id, List.of());
            PortItem in = new PortItem(e.getKey(), true, t, null, e.getValue().type(),
                    targets.contains(PortRef.graphPort(e.getKey())), portWidth / 2, 0, messages(ds));
            nodes.add(portNode(id, NodeItem.Kind.OUTPUT, e.getKey(), e.getValue(), t, List.of(in), List.of(), ds,
                    position(layout, auto, path, id), portWidth));
        }
        List<WireItem> wires = new ArrayList<>(g.edges().size());
        for (Edge e : g.edges()) {
            String fromId = e.from().isGraphPort() ? Layouts.portId(e.from().port()) : e.from().node();
            String toId = e.to().isGraphPort() ? Layouts.portId(e.to().port()) : e.to().node();
            TensorType t = e.from().isGraphPort() ? inf.inputType(path, e.from().port())
                    : inf.outputType(path.child(e.from().node()), e.from().port());
            List<String> problems = new ArrayList<>();
            for (Diagnostic d : nodeDiags.getOrDefault(toId, List.of())) {
                if (e.to().port().equals(d.port()) && d.kind() == Diagnostic.Kind.TYPE_MISMATCH) {
                    problems.add(d.message());
                }
            }
            wires.add(new WireItem(e, fromId, e.from().port(), toId, e.to().port(), NodeText.typeText(t), problems));
        }
        return new LevelView(path, g, level instanceof Chain, nodes, wires);
    }

    private static NodeItem portNode(String id, NodeItem.Kind kind, String port, PortDecl decl, TensorType t,
                                     List<PortItem> ins, List<PortItem> outs, List<Diagnostic> ds, Layout.Position pos,
                                     double width) {
        String detail = NodeText.typeText(t);
        if (kind == NodeItem.Kind.INPUT && decl.isUnspecified() && !t.rankKnown()) {
            // A new net's input: say that it is for the person to set, and where (a click opens it).
            detail = UNSET_INPUT;
        } else if (decl.coder() != null) {
            detail = decl.coder().type() + " · " + detail;
        }
        String category = kind == NodeItem.Kind.INPUT ? "graph-input" : "graph-output";
        return new NodeItem(id, kind, kind == NodeItem.Kind.INPUT ? "Input" : "Output", port, detail, "", "", category,
                ins, outs, pos == null ? 0 : pos.x(), pos == null ? 0 : pos.y(), pos != null,
                width, NodeGeometry.PORT_NODE_HEIGHT, messages(ds), 0);
    }

    private static Layout.Position position(Layout layout, Map<String, Layout.Position> auto, NodePath path, String id) {
        Layout.Position p = layout.positions().get(Layouts.key(path, id));
        return p != null ? p : auto.get(id);
    }

    private static List<String> messages(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::message).toList();
    }

    private static List<String> portMessages(List<Diagnostic> ds, String port) {
        if (ds.isEmpty()) {
            return List.of();
        }
        return ds.stream().filter(d -> port.equals(d.port())).map(Diagnostic::message).toList();
    }
}
