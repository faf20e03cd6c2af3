package org.netstudio.netgraph.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * Finding and replacing nodes by path inside nested containers, immutably, and the layout keys of
 * nodes and graph ports. Stateless; safe from any thread.
 */
public final class NetPaths {

    private NetPaths() {
    }

    /** The node at {@code path} (the net itself at the root), or empty. */
    public static Optional<NetNode> find(NetNode root, NodePath path) {
        NetNode cur = root;
        for (String name : path.names()) {
            cur = child(cur, name);
            if (cur == null) {
                return Optional.empty();
            }
        }
        return Optional.of(cur);
    }

    private static NetNode child(NetNode container, String name) {
        return container.child(name);
    }

    /** The net with the node at {@code path} replaced; throws IllegalArgumentException when there is none. */
    public static NetNode replace(NetNode root, NodePath path, NetNode replacement) {
        if (path.isRoot()) {
            return replacement;
        }
        String first = path.names().get(0);
        NodePath rest = new NodePath(path.names().subList(1, path.depth()));
        NetNode child = child(root, first);
        if (child == null) {
            throw new IllegalArgumentException("There is no node '" + path + "' in the net.");
        }
        NetNode updated = replace(child, rest, replacement);
        if (root instanceof Graph g) {
            Map<String, NetNode> nodes = new LinkedHashMap<>(g.nodes());
            nodes.put(first, updated);
            return new Graph(g.inputs(), nodes, g.edges(), g.outputs());
        }
        if (root instanceof SequenceOperator op) {
            return op.withInner(first, updated);
        }
        Chain c = (Chain) root;
        List<Chain.Element> els = new ArrayList<>(c.elements());
        int i = c.indexOf(first);
        els.set(i, new Chain.Element(first, updated));
        return c.withElements(els);
    }

    /** The node at {@code path}, or IllegalArgumentException naming it. */
    public static NetNode require(NetDocument doc, NodePath path) {
        return find(doc.net(), path).orElseThrow(() -> new IllegalArgumentException(
                "There is no node '" + path + "' in the net."));
    }

    /** The node at {@code path} when it is a {@code kind}, or IllegalArgumentException saying what is there instead. */
    static <T extends NetNode> T require(NetDocument doc, NodePath path, Class<T> kind) {
        NetNode n = require(doc, path);
        if (!kind.isInstance(n)) {
            throw new IllegalArgumentException(Names.container(path, true) + " is a " + n.typeName() + ", not a "
                    + kind.getSimpleName() + ".");
        }
        return kind.cast(n);
    }

    /** The graph at {@code container}, or IllegalArgumentException saying what is there instead. */
    public static Graph graphAt(NetDocument doc, NodePath container) {
        NetNode n = require(doc, container);
        if (n instanceof Graph g) {
            return g;
        }
        String hint = n instanceof Chain ? "; convert it to a graph first."
                : n instanceof SequenceOperator op ? "; what it holds is changed inside its "
                        + (op.innerNames().size() == 1 ? "net." : String.join(" and ", op.innerNames()) + " nets.")
                : ".";
        throw new IllegalArgumentException(Names.container(container, true) + " is a " + n.typeName()
                + ", not a Graph" + hint);
    }

    /** The document with the container at {@code path} replaced. */
    static NetDocument withNode(NetDocument doc, NodePath path, NetNode node) {
        return doc.withNet(replace(doc.net(), path, node));
    }

    /** The index of {@code edge} among the wires of {@code g}, the graph at {@code container}; IllegalArgumentException when it has no such wire. */
    static int requireEdge(Graph g, NodePath container, Edge edge) {
        int at = g.edges().indexOf(edge);
        if (at < 0) {
            throw new IllegalArgumentException("There is no wire " + edge + " in " + Names.container(container, false) + ".");
        }
        return at;
    }

    /** The document with {@code key} placed at {@code position} on the canvas; unchanged when the position is null. */
    static NetDocument placed(NetDocument d, String key, Layout.Position position) {
        return position == null ? d : d.withLayout(d.layout().with(key, position.x(), position.y()));
    }

    /** The short name of a wire's end in a command's description: the node, or the graph's own port. */
    static String endName(PortRef end) {
        return end.isGraphPort() ? end.port() : end.node();
    }

    /** The layout key of a node: its path, "block1/conv1". */
    public static String layoutKey(NodePath node) {
        return node.toString();
    }

    /** The layout key of a graph's own port: "$Input", "block1/$Input". */
    public static String portLayoutKey(NodePath container, String port) {
        return container.isRoot() ? "$" + port : container + "/$" + port;
    }

    /** The layout without the node at {@code node} and everything inside it. */
    static Layout withoutSubtree(Layout layout, NodePath node) {
        String key = layoutKey(node);
        Map<String, Layout.Position> p = new LinkedHashMap<>();
        layout.positions().forEach((k, v) -> {
            if (!k.equals(key) && !k.startsWith(key + "/")) {
                p.put(k, v);
            }
        });
        return new Layout(p);
    }

    /** The layout with the entries of {@code from} and everything inside it moved to {@code to}. */
    static Layout renameSubtree(Layout layout, NodePath from, NodePath to) {
        String a = layoutKey(from);
        String b = layoutKey(to);
        Map<String, Layout.Position> p = new LinkedHashMap<>();
        layout.positions().forEach((k, v) -> {
            if (k.equals(a)) {
                p.put(b, v);
            } else if (k.startsWith(a + "/")) {
                p.put(b + k.substring(a.length()), v);
            } else {
                p.put(k, v);
            }
        });
        return new Layout(p);
    }
}
