package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * Dissolves the sub-graph (or chain) {@code name} of the graph at {@code container} into it: its
 * nodes join the container, wires through its ports are joined up, and its inner layout moves out.
 * An inner node whose name is taken outside gets a fresh one ("conv2"). What the sub-graph declared
 * about its own ports is dropped; inference derives those types anyway.
 */
public record Ungroup(NodePath container, String name) implements Command {

    public Ungroup {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(name, "name");
    }

    /** Each inner node comes out into the container, under its own name or a fresh one. */
    @Override
    public List<NodeMove> moves(NetDocument before) {
        Graph g = NetPaths.graphAt(before, container);
        NodePath group = container.child(name);
        List<NodeMove> moves = new ArrayList<>();
        outerNames(g, inner(g)).forEach((in, out) -> moves.add(new NodeMove(group.child(in), container.child(out))));
        return moves;
    }

    /** The group as a graph; refused when the node is missing or not a group. */
    private Graph inner(Graph g) {
        NetNode n = g.nodes().get(name);
        if (n == null) {
            throw new IllegalArgumentException("There is no node " + Names.node(container, name) + " to ungroup.");
        }
        if (n instanceof Graph sub) {
            return sub;
        } else if (n instanceof Chain ch) {
            return ChainToGraph.convert(ch);
        }
        throw new IllegalArgumentException(Names.node(container, name) + " is a " + n.typeName()
                + ", not a group to ungroup.");
    }

    /** Inner node name → its name in the container: kept, or fresh where it is taken outside. */
    private Map<String, String> outerNames(Graph g, Graph inner) {
        Set<String> taken = new HashSet<>(g.nodes().keySet());
        taken.remove(name);
        taken.addAll(g.inputs().keySet());
        taken.addAll(g.outputs().keySet());
        Map<String, String> rename = new LinkedHashMap<>();
        for (String inn : inner.nodes().keySet()) {
            String out = Names.fresh(inn, taken);
            taken.add(out);
            rename.put(inn, out);
        }
        return rename;
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        Graph g = NetPaths.graphAt(doc, container);
        Graph inner = inner(g);
        Map<String, String> rename = outerNames(g, inner);
        Map<String, PortRef> sourceOf = new HashMap<>();
        Map<String, List<PortRef>> targetsOf = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) {
            if (name.equals(e.to().node())) {
                sourceOf.put(e.to().port(), e.from());
            } else if (name.equals(e.from().node())) {
                targetsOf.computeIfAbsent(e.from().port(), k -> new ArrayList<>()).add(e.to());
            } else {
                edges.add(e);
            }
        }
        for (Edge e : inner.edges()) {
            PortRef from = e.from().isGraphPort() ? sourceOf.get(e.from().port())
                    : PortRef.of(rename.get(e.from().node()), e.from().port());
            if (from == null) {
                continue;
            }
            if (e.to().isGraphPort()) {
                for (PortRef t : targetsOf.getOrDefault(e.to().port(), List.of())) {
                    edges.add(new Edge(from, t));
                }
            } else {
                edges.add(new Edge(from, PortRef.of(rename.get(e.to().node()), e.to().port())));
            }
        }
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        g.nodes().forEach((k, v) -> {
            if (!k.equals(name)) {
                nodes.put(k, v);
            }
        });
        inner.nodes().forEach((k, v) -> nodes.put(rename.get(k), v));
        Graph outer = new Graph(g.inputs(), nodes, edges, g.outputs());

        NodePath groupPath = container.child(name);
        Layout layout = doc.layout();
        for (Map.Entry<String, String> r : rename.entrySet()) {
            layout = NetPaths.renameSubtree(layout, groupPath.child(r.getKey()), container.child(r.getValue()));
        }
        layout = NetPaths.withoutSubtree(layout, groupPath);
        return NetPaths.withNode(doc, container, outer).withLayout(layout);
    }

    @Override
    public String description() {
        return "Ungroup '" + name + "'";
    }
}
