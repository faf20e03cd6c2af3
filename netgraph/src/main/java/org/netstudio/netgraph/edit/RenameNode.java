package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * Renames a node of the graph or chain at {@code container}, keeping its place, its wires and its
 * layout (and that of everything inside it). Refused when the new name is taken or invalid.
 */
public record RenameNode(NodePath container, String oldName, String newName) implements Command {

    public RenameNode {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public java.util.List<NodeMove> moves(NetDocument before) {
        return oldName.equals(newName) ? java.util.List.of()
                : java.util.List.of(new NodeMove(container.child(oldName), container.child(newName)));
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetNode c = NetPaths.require(doc, container);
        if (oldName.equals(newName)) {
            return doc;
        }
        NetNode renamed;
        if (c instanceof Graph g) {
            requireExists(g.nodes().containsKey(oldName));
            Names.requireFree(g, container, newName);
            Map<String, NetNode> nodes = new LinkedHashMap<>();
            g.nodes().forEach((k, v) -> nodes.put(k.equals(oldName) ? newName : k, v));
            List<Edge> edges = new ArrayList<>();
            for (Edge e : g.edges()) {
                edges.add(new Edge(rename(e.from()), rename(e.to())));
            }
            renamed = new Graph(g.inputs(), nodes, edges, g.outputs());
        } else if (c instanceof Chain ch) {
            requireExists(ch.indexOf(oldName) >= 0);
            Names.checkValid(newName);
            if (ch.indexOf(newName) >= 0) {
                throw new IllegalArgumentException(Names.container(container, true) + " already has a layer named '"
                        + newName + "'.");
            }
            List<Chain.Element> els = new ArrayList<>();
            for (Chain.Element e : ch.elements()) {
                els.add(e.name().equals(oldName) ? new Chain.Element(newName, e.node()) : e);
            }
            renamed = ch.withElements(els);
        } else if (c instanceof SequenceOperator op) {
            throw new IllegalArgumentException(Names.container(container, true) + " is a " + c.typeName()
                    + ", whose inner nets keep their names (" + String.join(", ", op.innerNames()) + ").");
        } else {
            throw new IllegalArgumentException(Names.container(container, true) + " is a " + c.typeName()
                    + ", which holds no nodes.");
        }
        return NetPaths.withNode(doc, container, renamed)
                .withLayout(NetPaths.renameSubtree(doc.layout(), container.child(oldName), container.child(newName)))
                .withMultipliers(doc.multipliers().renamed(container.child(oldName), container.child(newName)));
    }

    private void requireExists(boolean exists) {
        if (!exists) {
            throw new IllegalArgumentException("There is no node " + Names.node(container, oldName) + " to rename.");
        }
    }

    private PortRef rename(PortRef r) {
        return oldName.equals(r.node()) ? PortRef.of(newName, r.port()) : r;
    }

    @Override
    public String description() {
        return "Rename '" + oldName + "' to '" + newName + "'";
    }
}
