package org.netstudio.netgraph.edit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * Moves the selected nodes of the graph at {@code container} into a new sub-graph named
 * {@code groupName}, which computes exactly what they did: wires inside the selection move with it;
 * every distinct source outside that feeds the selection becomes one input of the sub-graph
 * ("Input", or "Input1", "Input2", …) and every distinct port inside that feeds something outside
 * becomes one output. Their layout moves inside the group, which is placed at their top-left corner.
 * Refused when a path leaves the selection and comes back (the group would feed itself).
 */
public record Group(NodePath container, List<String> names, String groupName) implements Command {

    public Group {
        Objects.requireNonNull(container, "container");
        names = List.copyOf(new LinkedHashSet<>(names));
        Objects.requireNonNull(groupName, "groupName");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Nothing to group: no nodes were named.");
        }
    }

    /** Each grouped node goes inside the group, under its own name. */
    @Override
    public List<NodeMove> moves(NetDocument before) {
        NodePath group = container.child(groupName);
        return names.stream().map(n -> new NodeMove(container.child(n), group.child(n))).toList();
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        Graph g = NetPaths.graphAt(doc, container);
        Set<String> selected = new LinkedHashSet<>(names);
        for (String n : names) {
            if (!g.nodes().containsKey(n)) {
                throw new IllegalArgumentException("There is no node " + Names.node(container, n) + " to group.");
            }
        }
        Names.requireFree(g, container, groupName);
        checkConvex(g, selected);

        List<Edge> inside = new ArrayList<>();
        List<Edge> incoming = new ArrayList<>();
        List<Edge> outgoing = new ArrayList<>();
        List<Edge> outside = new ArrayList<>();
        for (Edge e : g.edges()) {
            boolean from = in(selected, e.from());
            boolean to = in(selected, e.to());
            (from && to ? inside : to ? incoming : from ? outgoing : outside).add(e);
        }
        Set<String> innerNames = new HashSet<>(selected);
        Map<PortRef, String> inputFor = new LinkedHashMap<>();
        for (Edge e : incoming) {
            inputFor.putIfAbsent(e.from(), null);
        }
        name(inputFor, "Input", innerNames);
        Map<PortRef, String> outputFor = new LinkedHashMap<>();
        for (Edge e : outgoing) {
            outputFor.putIfAbsent(e.from(), null);
        }
        name(outputFor, "Output", innerNames);

        Map<String, NetNode> innerNodes = new LinkedHashMap<>();
        for (String n : names) {
            innerNodes.put(n, g.nodes().get(n));
        }
        List<Edge> innerEdges = new ArrayList<>(inside);
        for (Edge e : incoming) {
            innerEdges.add(new Edge(PortRef.graphPort(inputFor.get(e.from())), e.to()));
        }
        outputFor.forEach((src, port) -> innerEdges.add(new Edge(src, PortRef.graphPort(port))));
        Map<String, PortDecl> innerInputs = new LinkedHashMap<>();
        inputFor.values().forEach(p -> innerInputs.put(p, PortDecl.UNSPECIFIED));
        Map<String, PortDecl> innerOutputs = new LinkedHashMap<>();
        outputFor.values().forEach(p -> innerOutputs.put(p, PortDecl.UNSPECIFIED));
        Graph group = new Graph(innerInputs, innerNodes, innerEdges, innerOutputs);

        Map<String, NetNode> outerNodes = new LinkedHashMap<>();
        g.nodes().forEach((k, v) -> {
            if (!selected.contains(k)) {
                outerNodes.put(k, v);
            }
        });
        outerNodes.put(groupName, group);
        List<Edge> outerEdges = new ArrayList<>(outside);
        inputFor.forEach((src, port) -> outerEdges.add(new Edge(src, PortRef.of(groupName, port))));
        for (Edge e : outgoing) {
            outerEdges.add(new Edge(PortRef.of(groupName, outputFor.get(e.from())), e.to()));
        }
        Graph outer = new Graph(g.inputs(), outerNodes, outerEdges, g.outputs());

        NodePath groupPath = container.child(groupName);
        Layout layout = doc.layout();
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        for (String n : names) {
            Layout.Position p = layout.positions().get(NetPaths.layoutKey(container.child(n)));
            if (p != null) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
            }
            layout = NetPaths.renameSubtree(layout, container.child(n), groupPath.child(n));
        }
        if (minX != Double.POSITIVE_INFINITY) {
            layout = layout.with(NetPaths.layoutKey(groupPath), minX, minY);
        }
        return NetPaths.withNode(doc, container, outer).withLayout(layout);
    }

    private static boolean in(Set<String> selected, PortRef r) {
        return !r.isGraphPort() && selected.contains(r.node());
    }

    /** Names the ports "Input" when there is one, else "Input1", "Input2", …, avoiding inner node names. */
    private static void name(Map<PortRef, String> ports, String base, Set<String> taken) {
        int i = 1;
        for (Map.Entry<PortRef, String> e : ports.entrySet()) {
            String wanted = ports.size() == 1 ? base : base + i++;
            String n = Names.fresh(wanted, taken);
            taken.add(n);
            e.setValue(n);
        }
    }

    /** Refuses a selection with an outside node both fed by it and feeding it. */
    private void checkConvex(Graph g, Set<String> selected) {
        Set<String> downstream = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Edge e : g.edges()) {
            if (in(selected, e.from()) && !e.to().isGraphPort() && !selected.contains(e.to().node())) {
                todo.push(e.to().node());
            }
        }
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!downstream.add(n)) {
                continue;
            }
            for (String next : g.nodesFedBy(n)) {
                if (selected.contains(next)) {
                    throw new IllegalArgumentException("Cannot group " + Names.several(names) + ": '" + n
                            + "' is fed by the selection and feeds it back, so the group would feed itself."
                            + " Add '" + n + "' to the selection.");
                }
                todo.push(next);
            }
        }
    }

    @Override
    public String description() {
        return "Group " + Names.several(names);
    }
}
