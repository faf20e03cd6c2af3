package org.netstudio.netgraph.edit;

import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;

/** A graph edit that adds one thing, a node or a port, and places it on the canvas. */
interface PlacingEdit extends GraphEdit {

    /** Where what is added goes on the canvas; null: no position yet. */
    Layout.Position position();

    /** The layout key of what is added. */
    String placedKey();

    @Override
    default NetDocument apply(NetDocument doc) {
        return NetPaths.placed(GraphEdit.super.apply(doc), placedKey(), position());
    }
}
