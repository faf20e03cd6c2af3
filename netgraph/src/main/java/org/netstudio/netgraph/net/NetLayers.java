package org.netstudio.netgraph.net;

import java.util.LinkedHashMap;
import java.util.Map;

/** The layers of a net with their paths, inside containers and sequence operators too. */
public final class NetLayers {

    private NetLayers() {
    }

    /**
     * Every layer of {@code net} by its path ("block1/conv1"; the root path when the net is itself
     * a layer), in the order the net lists them.
     */
    public static Map<NodePath, Layer> byPath(NetNode net) {
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
