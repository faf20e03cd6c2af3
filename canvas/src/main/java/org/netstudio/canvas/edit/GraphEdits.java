package org.netstudio.canvas.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * Pure functions from a document and a {@link CanvasEdit} to the edited document. This is what the
 * canvas's own {@link LocalNetEditor} runs; the netgraph command stack does the same through its
 * commands. Never mutates anything; throws {@link IllegalArgumentException} with a sentence.
 */
public final class GraphEdits {

    private GraphEdits() {
    }

    // ---- navigation ------------------------------------------------------------------------

    /** The node at {@code path} below {@code root}, or null when there is none. */
    public static NetNode nodeAt(NetNode root, NodePath path) {
        NetNode cur = root;
        for (String name : path.names()) {
            cur = child(cur, name);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** A direct child of a container by name, or null. */
    public static NetNode child(NetNode container, String name) {
        if (container instanceof Graph g) {
            return g.nodes().get(name);
        }
        if (container instanceof Chain c) {
            int i = c.indexOf(name);
            return i < 0 ? null : c.elements().get(i).node();
        }
        return null;
    }

    public static boolean isContainer(NetNode node) {
        return node instanceof Graph || node instanceof Chain;
    }

    /** The level at {@code path} as a graph (a chain is shown and edited as its equivalent graph). */
    public static Graph graphAt(NetNode root, NodePath path) {
        NetNode n = nodeAt(root, path);
        if (n instanceof Graph g) {
            return g;
        }
        if (n instanceof Chain c) {
            return chainToGraph(c);
        }
        throw new IllegalArgumentException("'" + path + "' is not a container that can be opened");
    }

    /** The same computation as a graph: ports Input/Output, each element wired to the next. */
    public static Graph chainToGraph(Chain chain) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        PortRef prev = PortRef.graphPort("Input");
        for (Chain.Element e : chain.elements()) {
            nodes.put(e.name(), e.node());
            List<String> ins = e.node().inputNames();
            if (!ins.isEmpty()) {
                edges.add(new Edge(prev, PortRef.of(e.name(), ins.get(0))));
            }
            List<String> outs = e.node().outputNames();
            if (outs.isEmpty()) {
                prev = null;
                break;
            }
            prev = PortRef.of(e.name(), outs.get(0));
        }
        if (prev != null) {
            edges.add(new Edge(prev, PortRef.graphPort("Output")));
        }
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("Input", chain.input());
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        outputs.put("Output", chain.output());
        return new Graph(inputs, nodes, edges, outputs);
    }

    /** {@code root} with the node at {@code path} replaced. */
    public static NetNode replaceAt(NetNode root, NodePath path, NetNode replacement) {
        if (path.isRoot()) {
            return replacement;
        }
        String first = path.names().get(0);
        NodePath rest = new NodePath(path.names().subList(1, path.depth()));
        NetNode child = child(root, first);
        if (child == null) {
            throw new IllegalArgumentException("there is no node '" + first + "'");
        }
        NetNode replaced = replaceAt(child, rest, replacement);
        if (root instanceof Graph g) {
            return g.withNode(first, replaced);
        }
        Chain c = (Chain) root;
        List<Chain.Element> els = new ArrayList<>(c.elements());
        els.set(c.indexOf(first), new Chain.Element(first, replaced));
        return c.withElements(els);
    }

    // ---- names -----------------------------------------------------------------------------

    private static final Map<String, String> SHORT_NAMES = Map.of(
            "Convolution", "conv", "Deconvolution", "deconv", "Pooling", "pool", "GlobalPooling", "gpool",
            "BatchNorm", "bn", "LayerNorm", "ln", "Catenate", "cat", "Embedding", "embed");

    /** The base of new node names of a type: "conv" for Convolution, "linear" for Linear. */
    public static String baseName(String typeName) {
        return SHORT_NAMES.getOrDefault(typeName, typeName.toLowerCase(Locale.ROOT));
    }

    /** {@code base} followed by the smallest number ≥ 1 that makes it unused: conv1, conv2 … */
    public static String uniqueName(Collection<String> taken, String base) {
        String stem = base.replaceAll("[0-9]+$", "");
        if (stem.isEmpty()) {
            stem = "node";
        }
        for (int k = 1; ; k++) {
            String n = stem + k;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }

    // ---- applying edits --------------------------------------------------------------------

    public static NetDocument apply(NetDocument doc, CanvasEdit edit) {
        if (edit instanceof CanvasEdit.Compound c) {
            NetDocument d = doc;
            for (CanvasEdit e : c.edits()) {
                d = apply(d, e);
            }
            return d;
        }
        if (edit instanceof CanvasEdit.MoveNodes m) {
            Layout l = doc.layout();
            for (Map.Entry<String, Layout.Position> e : m.positions().entrySet()) {
                l = l.with(e.getKey(), e.getValue().x(), e.getValue().y());
            }
            return doc.withLayout(l);
        }
        if (edit instanceof CanvasEdit.SetLayout s) {
            return doc.withLayout(s.layout());
        }
        NodePath at = edit.graph();
        Graph g = graphAt(doc.net(), at);
        Layout layout = doc.layout();
        if (edit instanceof CanvasEdit.AddNode a) {
            requireFree(g, a.name());
            g = g.withNode(a.name(), a.node());
            layout = place(layout, at, a.name(), a.position());
        } else if (edit instanceof CanvasEdit.RemoveNodes r) {
            for (String n : r.names()) {
                if (Layouts.isPortId(n)) {
                    continue;
                }
                requireNode(g, n);
                g = g.withoutNode(n);
                layout = forget(layout, Layouts.key(at, n));
            }
        } else if (edit instanceof CanvasEdit.Connect c) {
            for (Edge old : g.edgesInto(c.edge().to())) {
                g = g.withoutEdge(old);
            }
            g = g.withEdge(c.edge());
        } else if (edit instanceof CanvasEdit.Disconnect d) {
            if (!g.edges().contains(d.edge())) {
                throw new IllegalArgumentException("there is no wire " + d.edge());
            }
            g = g.withoutEdge(d.edge());
        } else if (edit instanceof CanvasEdit.InsertOnEdge i) {
            requireFree(g, i.name());
            if (!g.edges().contains(i.edge())) {
                throw new IllegalArgumentException("there is no wire " + i.edge());
            }
            List<String> ins = i.node().inputNames();
            List<String> outs = i.node().outputNames();
            if (ins.isEmpty() || outs.isEmpty()) {
                throw new IllegalArgumentException(i.node().typeName() + " has no input and output to put on a wire");
            }
            g = g.withoutEdge(i.edge()).withNode(i.name(), i.node())
                    .withEdge(new Edge(i.edge().from(), PortRef.of(i.name(), ins.get(0))))
                    .withEdge(new Edge(PortRef.of(i.name(), outs.get(0)), i.edge().to()));
            layout = place(layout, at, i.name(), i.position());
        } else if (edit instanceof CanvasEdit.Paste p) {
            for (Map.Entry<String, NetNode> e : p.fragment().nodes().entrySet()) {
                requireFree(g, e.getKey());
                g = g.withNode(e.getKey(), e.getValue());
                layout = place(layout, at, e.getKey(), p.positions().get(e.getKey()));
            }
            for (Edge e : p.fragment().edges()) {
                g = g.withEdge(e);
            }
        } else if (edit instanceof CanvasEdit.SetParameter s) {
            NetNode n = requireNode(g, s.node());
            if (!(n instanceof Layer layer)) {
                throw new IllegalArgumentException("'" + s.node() + "' is a container and has no parameters");
            }
            g = g.withNode(s.node(), layer.with(s.param(), s.value()));
        } else if (edit instanceof CanvasEdit.DeclarePort d) {
            g = d.input() ? g.withInput(d.port(), d.decl()) : g.withOutput(d.port(), d.decl());
        } else if (edit instanceof CanvasEdit.Group gr) {
            GroupResult res = group(g, gr.names(), gr.groupName());
            g = res.parent();
            layout = moveIntoGroup(layout, at, gr, res);
        } else if (edit instanceof CanvasEdit.Ungroup u) {
            UngroupResult res = ungroup(g, u.name());
            g = res.parent();
            layout = moveOutOfGroup(layout, at, u.name(), res);
        } else {
            throw new IllegalArgumentException("unsupported edit " + edit);
        }
        return new NetDocument(doc.name(), replaceAt(doc.net(), at, g), layout);
    }

    private static void requireFree(Graph g, String name) {
        if (g.nodes().containsKey(name)) {
            throw new IllegalArgumentException("there is already a node named '" + name + "'");
        }
    }

    private static NetNode requireNode(Graph g, String name) {
        NetNode n = g.nodes().get(name);
        if (n == null) {
            throw new IllegalArgumentException("there is no node named '" + name + "'");
        }
        return n;
    }

    private static Layout place(Layout layout, NodePath at, String id, Layout.Position p) {
        return p == null ? layout : layout.with(Layouts.key(at, id), p.x(), p.y());
    }

    /** Drops the key and everything nested under it. */
    private static Layout forget(Layout layout, String key) {
        Map<String, Layout.Position> kept = new LinkedHashMap<>();
        layout.positions().forEach((k, v) -> {
            if (!k.equals(key) && !k.startsWith(key + "/")) {
                kept.put(k, v);
            }
        });
        return new Layout(kept);
    }

    // ---- group / ungroup -------------------------------------------------------------------

    /** The parent after grouping, and the new group's port names. */
    record GroupResult(Graph parent, Graph group, List<String> inputs, List<String> outputs) {
    }

    static GroupResult group(Graph g, Set<String> names, String groupName) {
        Set<String> inside = new LinkedHashSet<>();
        for (String n : names) {
            if (!Layouts.isPortId(n)) {
                requireNode(g, n);
                inside.add(n);
            }
        }
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("select at least one layer to group");
        }
        if (g.nodes().containsKey(groupName) && !inside.contains(groupName)) {
            throw new IllegalArgumentException("there is already a node named '" + groupName + "'");
        }
        Map<PortRef, String> inPorts = new LinkedHashMap<>();
        Map<PortRef, String> outPorts = new LinkedHashMap<>();
        List<Edge> innerEdges = new ArrayList<>();
        List<Edge> outerEdges = new ArrayList<>();
        for (Edge e : g.edges()) {
            boolean fromIn = e.from().node() != null && inside.contains(e.from().node());
            boolean toIn = e.to().node() != null && inside.contains(e.to().node());
            if (fromIn && toIn) {
                innerEdges.add(e);
            } else if (toIn) {
                String port = inPorts.computeIfAbsent(e.from(), k -> portName("Input", inPorts.size()));
                innerEdges.add(new Edge(PortRef.graphPort(port), e.to()));
                if (outerEdges.stream().noneMatch(o -> o.to().equals(PortRef.of(groupName, port)))) {
                    outerEdges.add(new Edge(e.from(), PortRef.of(groupName, port)));
                }
            } else if (fromIn) {
                String port = outPorts.computeIfAbsent(e.from(), k -> portName("Output", outPorts.size()));
                if (innerEdges.stream().noneMatch(o -> o.to().equals(PortRef.graphPort(port)))) {
                    innerEdges.add(new Edge(e.from(), PortRef.graphPort(port)));
                }
                outerEdges.add(new Edge(PortRef.of(groupName, port), e.to()));
            } else {
                outerEdges.add(e);
            }
        }
        Map<String, PortDecl> gi = new LinkedHashMap<>();
        inPorts.values().forEach(p -> gi.put(p, PortDecl.UNSPECIFIED));
        Map<String, PortDecl> go = new LinkedHashMap<>();
        outPorts.values().forEach(p -> go.put(p, PortDecl.UNSPECIFIED));
        Map<String, NetNode> innerNodes = new LinkedHashMap<>();
        Map<String, NetNode> parentNodes = new LinkedHashMap<>();
        for (Map.Entry<String, NetNode> e : g.nodes().entrySet()) {
            if (inside.contains(e.getKey())) {
                innerNodes.put(e.getKey(), e.getValue());
            } else {
                parentNodes.put(e.getKey(), e.getValue());
            }
        }
        Graph group = new Graph(gi, innerNodes, innerEdges, go);
        parentNodes.put(groupName, group);
        Graph parent = new Graph(g.inputs(), parentNodes, outerEdges, g.outputs());
        return new GroupResult(parent, group, List.copyOf(gi.keySet()), List.copyOf(go.keySet()));
    }

    private static String portName(String base, int index) {
        return index == 0 ? base : base + (index + 1);
    }

    private static Layout moveIntoGroup(Layout layout, NodePath at, CanvasEdit.Group gr, GroupResult res) {
        NodePath groupPath = at.child(gr.groupName());
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (String n : res.group().nodes().keySet()) {
            Layout.Position p = layout.positions().get(Layouts.key(at, n));
            if (p != null) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
        }
        boolean known = minX != Double.MAX_VALUE;
        double ox = known ? minX - 40 : 0;
        double oy = known ? minY - 120 : 0;
        Map<String, Layout.Position> out = new LinkedHashMap<>();
        for (Map.Entry<String, Layout.Position> e : layout.positions().entrySet()) {
            String k = e.getKey();
            String moved = null;
            for (String n : res.group().nodes().keySet()) {
                String key = Layouts.key(at, n);
                if (k.equals(key) || k.startsWith(key + "/")) {
                    moved = groupPath + "/" + k.substring(at.isRoot() ? 0 : at.toString().length() + 1);
                    break;
                }
            }
            if (moved == null) {
                out.put(k, e.getValue());
            } else {
                boolean direct = moved.indexOf('/', groupPath.toString().length() + 1) < 0;
                out.put(moved, direct ? new Layout.Position(e.getValue().x() - ox, e.getValue().y() - oy) : e.getValue());
            }
        }
        if (known) {
            double span = maxY - oy + 120;
            placeRow(out, groupPath, res.inputs(), 40, 20);
            placeRow(out, groupPath, res.outputs(), 40, span);
        }
        Layout.Position gp = gr.position() != null ? gr.position() : known ? new Layout.Position(minX, minY) : null;
        if (gp != null) {
            out.put(Layouts.key(at, gr.groupName()), gp);
        }
        return new Layout(out);
    }

    private static void placeRow(Map<String, Layout.Position> out, NodePath groupPath, List<String> ports,
                                 double x, double y) {
        for (int i = 0; i < ports.size(); i++) {
            out.put(Layouts.key(groupPath, Layouts.portId(ports.get(i))), new Layout.Position(x + i * 200, y));
        }
    }

    /** The parent after ungrouping, and how inner names were renamed. */
    record UngroupResult(Graph parent, Map<String, String> renamed) {
    }

    static UngroupResult ungroup(Graph g, String name) {
        NetNode n = requireNode(g, name);
        if (!isContainer(n)) {
            throw new IllegalArgumentException("'" + name + "' is a layer, not a group");
        }
        Graph inner = n instanceof Chain c ? chainToGraph(c) : (Graph) n;
        Set<String> taken = new LinkedHashSet<>(g.nodes().keySet());
        taken.remove(name);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String k : inner.nodes().keySet()) {
            String nn = taken.contains(k) ? uniqueName(taken, k) : k;
            taken.add(nn);
            renamed.put(k, nn);
        }
        Map<String, PortRef> sourceOfInput = new HashMap<>();
        Map<String, List<PortRef>> targetsOfOutput = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) {
            if (name.equals(e.to().node())) {
                sourceOfInput.put(e.to().port(), e.from());
            } else if (name.equals(e.from().node())) {
                targetsOfOutput.computeIfAbsent(e.from().port(), k -> new ArrayList<>()).add(e.to());
            } else {
                edges.add(e);
            }
        }
        for (Edge e : inner.edges()) {
            List<PortRef> froms = new ArrayList<>();
            if (e.from().isGraphPort()) {
                PortRef s = sourceOfInput.get(e.from().port());
                if (s != null) {
                    froms.add(s);
                }
            } else {
                froms.add(PortRef.of(renamed.get(e.from().node()), e.from().port()));
            }
            List<PortRef> tos = new ArrayList<>();
            if (e.to().isGraphPort()) {
                tos.addAll(targetsOfOutput.getOrDefault(e.to().port(), List.of()));
            } else {
                tos.add(PortRef.of(renamed.get(e.to().node()), e.to().port()));
            }
            for (PortRef f : froms) {
                for (PortRef t : tos) {
                    edges.add(new Edge(f, t));
                }
            }
        }
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, NetNode> e : g.nodes().entrySet()) {
            if (e.getKey().equals(name)) {
                inner.nodes().forEach((k, v) -> nodes.put(renamed.get(k), v));
            } else {
                nodes.put(e.getKey(), e.getValue());
            }
        }
        return new UngroupResult(new Graph(g.inputs(), nodes, edges, g.outputs()), renamed);
    }

    private static Layout moveOutOfGroup(Layout layout, NodePath at, String name, UngroupResult res) {
        String groupKey = Layouts.key(at, name);
        Layout.Position gp = layout.positions().get(groupKey);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (String inner : res.renamed().keySet()) {
            Layout.Position p = layout.positions().get(groupKey + "/" + inner);
            if (p != null) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
            }
        }
        double dx = gp == null || minX == Double.MAX_VALUE ? 0 : gp.x() - minX;
        double dy = gp == null || minY == Double.MAX_VALUE ? 0 : gp.y() - minY;
        Map<String, Layout.Position> out = new LinkedHashMap<>();
        for (Map.Entry<String, Layout.Position> e : layout.positions().entrySet()) {
            String k = e.getKey();
            if (k.equals(groupKey)) {
                continue;
            }
            if (!k.startsWith(groupKey + "/")) {
                out.put(k, e.getValue());
                continue;
            }
            String rest = k.substring(groupKey.length() + 1);
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            String nn = res.renamed().get(first);
            if (nn == null) {
                continue;
            }
            String newKey = Layouts.key(at, nn) + (slash < 0 ? "" : rest.substring(slash));
            out.put(newKey, slash < 0 ? new Layout.Position(e.getValue().x() + dx, e.getValue().y() + dy) : e.getValue());
        }
        return new Layout(out);
    }
}
