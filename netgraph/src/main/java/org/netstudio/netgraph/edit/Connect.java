package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.catalog.PortSpec;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * Adds a wire in the graph at {@code container}. Both ends must exist (wiring {@code InputK} of a
 * variadic layer such as Total gives it K inputs if it had fewer), the target must not be wired
 * already, and the wire must not close a cycle. Whether the types fit is inference's business: an
 * ill-typed wire is allowed and shows as a diagnostic.
 */
public record Connect(NodePath container, Edge edge) implements GraphEdit {

    public Connect {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(edge, "edge");
    }

    @Override
    public Graph edited(Graph before) {
        checkSource(before, edge.from());
        Graph g = prepareTarget(before, edge.to());
        for (Edge e : g.edges()) {
            if (e.to().equals(edge.to())) {
                throw new IllegalArgumentException(Names.capitalize(portPhrase(edge.to())) + " is already wired from "
                        + e.from() + "; disconnect that wire first.");
            }
        }
        if (!edge.from().isGraphPort() && !edge.to().isGraphPort()
                && g.reaches(edge.to().node(), edge.from().node())) {
            throw new IllegalArgumentException("Wiring " + edge.from() + " to " + edge.to()
                    + " would make a cycle: '" + edge.to().node() + "' already feeds '" + edge.from().node() + "'.");
        }
        return g.withEdge(edge);
    }

    private String portPhrase(PortRef ref) {
        return ref.isGraphPort() ? "the output '" + ref.port() + "' of " + Names.container(container, false)
                : ref.port() + " of " + Names.node(container, ref.node());
    }

    private void checkSource(Graph g, PortRef from) {
        if (from.isGraphPort()) {
            if (!g.inputs().containsKey(from.port())) {
                throw new IllegalArgumentException(Names.container(container, true) + " has no input '" + from.port() + "'.");
            }
            return;
        }
        NetNode n = node(g, from.node());
        if (!n.outputNames().contains(from.port())) {
            throw new IllegalArgumentException(Names.node(container, from.node()) + " (" + n.typeName()
                    + ") has no output '" + from.port() + "' (it has " + String.join(", ", n.outputNames()) + ").");
        }
    }

    /** The graph, with a variadic target layer grown to have the port; throws when the port cannot exist. */
    private Graph prepareTarget(Graph g, PortRef to) {
        if (to.isGraphPort()) {
            if (!g.outputs().containsKey(to.port())) {
                throw new IllegalArgumentException(Names.container(container, true) + " has no output '" + to.port() + "'.");
            }
            return g;
        }
        NetNode n = node(g, to.node());
        if (n.inputNames().contains(to.port())) {
            return g;
        }
        if (n instanceof Layer l && l.layerType().hasVariadicInput()) {
            PortSpec spec = l.layerType().inputSpec(to.port());
            if (spec != null && spec.variadic()) {
                int k = Integer.parseInt(to.port().substring(spec.name().length()));
                if (k <= org.netstudio.netgraph.io.NetFileReader.MAX_VARIADIC_INPUTS) {
                    return g.withNode(to.node(), l.withInputCount(k));
                }
            }
        }
        throw new IllegalArgumentException(Names.node(container, to.node()) + " (" + n.typeName()
                + ") has no input '" + to.port() + "' (it has " + String.join(", ", n.inputNames()) + ").");
    }

    private NetNode node(Graph g, String name) {
        NetNode n = g.nodes().get(name);
        if (n == null) {
            throw new IllegalArgumentException("There is no node " + Names.node(container, name) + ".");
        }
        return n;
    }

    @Override
    public String description() {
        return "Connect " + NetPaths.endName(edge.from()) + " to " + NetPaths.endName(edge.to());
    }
}
