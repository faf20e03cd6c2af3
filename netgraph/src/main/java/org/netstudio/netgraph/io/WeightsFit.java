package org.netstudio.netgraph.io;

import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;

/**
 * Whether weights read from a file belong to the net they came with: each array's key must name a
 * catalog layer of the net. Stateless.
 */
public final class WeightsFit {

    private WeightsFit() {
    }

    /** Every array must belong to a catalog layer of the net: a key naming no such node is refused. */
    public static void check(NetDocument doc, Weights weights, String source) throws NetFileException {
        for (String key : weights.arrays().keySet()) {
            NodePath path = Weights.nodeOf(key);
            NetNode node = find(doc.net(), path);
            if (!(node instanceof Layer)) {
                throw new NetFileException(source, "tensor \"" + key + "\"", node == null
                        ? "the net has no node \"" + path + "\" for these weights"
                        : "\"" + path + "\" is a " + node.typeName() + ", which has no weights of its own");
            }
        }
    }

    private static NetNode find(NetNode root, NodePath path) {
        NetNode cur = root;
        for (String name : path.names()) {
            cur = cur.child(name);
            if (cur == null) {
                return null;
            }
        }
        return path.isRoot() ? null : cur;
    }
}
