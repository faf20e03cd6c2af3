package org.netstudio.canvas.level;

import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.NodePath;

/** How canvas positions are keyed in a document's {@link org.netstudio.netgraph.net.Layout}. */
public final class Layouts {

    /** Prefix of graph-port ids: the input port "Input" of a graph is the canvas node "$Input". */
    public static final String PORT_PREFIX = "$";

    private Layouts() {
    }

    /** The layout key of a canvas node id at a graph level: "block2/conv1", "$Input", "block2/$Input". */
    public static String key(NodePath level, String id) {
        return isPortId(id) ? NetPaths.portLayoutKey(level, portName(id)) : NetPaths.layoutKey(level.child(id));
    }

    public static boolean isPortId(String id) {
        return id.startsWith(PORT_PREFIX);
    }

    public static String portId(String port) {
        return PORT_PREFIX + port;
    }

    public static String portName(String id) {
        return id.substring(PORT_PREFIX.length());
    }
}
