package org.netstudio.engine.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;

/** Every catalog layer of a net by its path ({@code block1/linear1}), in the net's order. */
final class LayerPaths {

    private LayerPaths() {
    }

    /** The layers of a net, nested containers included, by path. */
    static Map<NodePath, Layer> of(NetNode net) {
        Map<NodePath, Layer> layers = new LinkedHashMap<>();
        collect(net, NodePath.ROOT, layers);
        return layers;
    }

    private static void collect(NetNode node, NodePath path, Map<NodePath, Layer> into) {
        if (node instanceof Layer l) {
            into.put(path, l);
        } else if (node instanceof Chain c) {
            c.elements().forEach(e -> collect(e.node(), path.child(e.name()), into));
        } else if (node instanceof Graph g) {
            g.nodes().forEach((name, n) -> collect(n, path.child(name), into));
        } else if (node instanceof SequenceOperator op) {
            op.innerNames().forEach(name -> collect(op.inner(name), path.child(name), into));
        }
    }
}
