package org.netstudio.canvas.level;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * A message pinned to one node from outside the net's own diagnostics, e.g. the node a training
 * found the first NaN in. The node shows it as a problem (red outline, badge, the message on hover);
 * on a level above it, the container holding it shows it too.
 *
 * @param node    the node, as a path from the net's root
 * @param message the sentence to show
 */
public record NodeMark(NodePath node, String message) {

    public NodeMark {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }

    /** The level with the marked node, or the container on this level holding it, showing the message. */
    public LevelView applyTo(LevelView level) {
        NodePath path = level.path();
        if (node.depth() <= path.depth() || !node.startsWith(path)) {
            return level;
        }
        String id = node.names().get(path.depth());
        NodeItem marked = level.byId().get(id);
        if (marked == null) {
            return level;
        }
        List<String> problems = new ArrayList<>(marked.problems());
        problems.add(node.depth() == path.depth() + 1 ? message : "Inside, at " + node + ": " + message);
        List<NodeItem> nodes = new ArrayList<>(level.nodes());
        nodes.set(nodes.indexOf(marked), marked.withProblems(problems));
        return new LevelView(path, level.graph(), level.chain(), nodes, level.wires());
    }
}
