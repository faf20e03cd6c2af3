package org.netstudio.canvas.edit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;

/**
 * One user gesture on the canvas, as data: a {@link NetEditor} turns it into exactly one undo entry.
 * Every edit names the graph level it applies to ({@code graph}); when that level is still a Chain,
 * the editor first converts it into a Graph within the same undo entry.
 */
public sealed interface CanvasEdit {

    /** The graph level the edit applies to. */
    NodePath graph();

    /** A short label for undo menus ("Add conv1"). */
    String label();

    record AddNode(NodePath graph, String name, NetNode node, Layout.Position position) implements CanvasEdit {
        @Override
        public String label() {
            return "Add " + name;
        }
    }

    record RemoveNodes(NodePath graph, Set<String> names) implements CanvasEdit {
        public RemoveNodes {
            names = Set.copyOf(names);
        }

        @Override
        public String label() {
            return names.size() == 1 ? "Delete " + names.iterator().next() : "Delete " + names.size() + " nodes";
        }
    }

    /** Wires {@code edge}; a wire already arriving at the same input is replaced. */
    record Connect(NodePath graph, Edge edge) implements CanvasEdit {
        @Override
        public String label() {
            return "Connect " + edge;
        }
    }

    record Disconnect(NodePath graph, Edge edge) implements CanvasEdit {
        @Override
        public String label() {
            return "Disconnect " + edge;
        }
    }

    /** New positions by layout key (see {@link Layouts#key}). */
    record MoveNodes(NodePath graph, Map<String, Layout.Position> positions) implements CanvasEdit {
        public MoveNodes {
            positions = Map.copyOf(positions);
        }

        @Override
        public String label() {
            return positions.size() == 1 ? "Move" : "Move " + positions.size() + " nodes";
        }
    }

    /** Sets positions by layout key, leaving the others (auto-layout). */
    record SetLayout(NodePath graph, Map<String, Layout.Position> positions) implements CanvasEdit {
        public SetLayout {
            positions = Map.copyOf(positions);
        }

        @Override
        public String label() {
            return "Auto-layout";
        }
    }

    /** Adds {@code node} and routes {@code edge} through its first input and output. */
    record InsertOnEdge(NodePath graph, Edge edge, String name, NetNode node, Layout.Position position)
            implements CanvasEdit {
        @Override
        public String label() {
            return "Insert " + name;
        }
    }

    /** Moves {@code names} into a new sub-graph node {@code groupName}, placed at their top-left. */
    record Group(NodePath graph, Set<String> names, String groupName) implements CanvasEdit {
        public Group {
            names = Set.copyOf(names);
        }

        @Override
        public String label() {
            return "Group " + names.size() + " nodes";
        }
    }

    /** Splices the container {@code name} back into its parent graph. */
    record Ungroup(NodePath graph, String name) implements CanvasEdit {
        @Override
        public String label() {
            return "Ungroup " + name;
        }
    }

    /**
     * Adds the nodes and internal wires of {@code fragment} (already uniquely named for the target),
     * with their positions by node name (paste, duplicate).
     */
    record Paste(NodePath graph, Graph fragment, Map<String, Layout.Position> positions) implements CanvasEdit {
        public Paste {
            positions = Map.copyOf(positions);
        }

        @Override
        public String label() {
            return "Paste " + fragment.nodes().size() + " nodes";
        }
    }

    /** Sets one parameter of a layer (what the inspector does; here for tests and context actions). */
    record SetParameter(NodePath graph, String node, String param, Object value) implements CanvasEdit {
        @Override
        public String label() {
            return "Set " + node + "." + param;
        }
    }

    /** Declares a graph input or output port (creating it when new). */
    record DeclarePort(NodePath graph, String port, boolean input, org.netstudio.netgraph.net.PortDecl decl)
            implements CanvasEdit {
        @Override
        public String label() {
            return "Declare " + port;
        }
    }

    /** Several edits as one undo entry. */
    record Compound(NodePath graph, String label, List<CanvasEdit> edits) implements CanvasEdit {
        public Compound {
            edits = List.copyOf(edits);
        }
    }
}
