package org.netstudio.canvas.selection;

import java.util.Map;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;

/**
 * The canvas clipboard, shared by every canvas of the application so that nodes copied in one tab
 * paste in another. Holds immutable values only.
 */
public final class NodeClipboard {

    /** Copied nodes with the wires between them, and their positions by name. */
    public record Fragment(Graph graph, Map<String, Layout.Position> positions) {
        public Fragment {
            positions = Map.copyOf(positions);
        }
    }

    private static final NodeClipboard SHARED = new NodeClipboard();

    private Fragment content;

    public static NodeClipboard shared() {
        return SHARED;
    }

    public synchronized void put(Fragment f) {
        content = f;
    }

    public synchronized Fragment get() {
        return content;
    }
}
