package org.netstudio.netgraph.inference;

import java.util.List;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;

/** A catalog layer placed in the flattened net, with the wires of its ports. */
final class Site {

    /** An input port of a site. */
    record Ref(Site site, int port) {
    }

    final int index;
    final NodePath path;
    final String where;
    final Layer layer;
    final LayerType type;
    final Params params;
    final List<String> inputNames;
    final int[] in;
    final int[] out;
    boolean queued;

    Site(int index, NodePath path, String where, Layer layer, int[] in, int[] out) {
        this.index = index;
        this.path = path;
        this.where = where;
        this.layer = layer;
        this.type = layer.layerType();
        this.params = layer.params();
        this.inputNames = layer.inputNames();
        this.in = in;
        this.out = out;
    }
}
