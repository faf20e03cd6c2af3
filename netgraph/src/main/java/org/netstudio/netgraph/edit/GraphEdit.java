package org.netstudio.netgraph.edit;

import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/**
 * A command that changes the graph at {@link #container()}: finding that graph (or refusing what is
 * there instead) and putting the changed one back into the net is said here once.
 */
interface GraphEdit extends Command {

    /** The path of the graph the edit changes. */
    NodePath container();

    /** The graph after the edit; IllegalArgumentException with a sentence when the edit does not fit it. */
    Graph edited(Graph g);

    @Override
    default NetDocument apply(NetDocument doc) {
        return NetPaths.withNode(doc, container(), edited(NetPaths.graphAt(doc, container())));
    }
}
