package org.netstudio.canvas.wiring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.PortRequirement.Compatibility;
import org.netstudio.netgraph.catalog.PortRequirement.Mismatch;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/**
 * The cheap check run while a wire is dragged: does the source's type fit what the target input
 * accepts, and would the wire close a cycle? The reason of a {@link Mismatch} is a full sentence.
 * The full check, by whole-net inference, happens on drop (see {@code CanvasModel#connect}).
 */
public final class WireCheck {

    private WireCheck() {
    }

    public static Compatibility check(LevelView level, String fromId, String fromPort, String toId, String toPort) {
        NodeItem from = level.node(fromId);
        NodeItem to = level.node(toId);
        if (from == null || to == null) {
            return new Mismatch("That port no longer exists.");
        }
        PortItem out = from.output(fromPort);
        PortItem in = to.input(toPort);
        if (out == null || in == null) {
            return new Mismatch("A wire goes from an output port to an input port.");
        }
        if (fromId.equals(toId)) {
            return new Mismatch("A layer cannot take its own output as input.");
        }
        if (reaches(level, toId, fromId)) {
            return new Mismatch("This wire would close a cycle: " + who(to) + " already feeds " + who(from) + ".");
        }
        TensorType t = out.type();
        String target = in.name() + " of " + who(to);
        if (in.requirement() != null && in.requirement().check(t) instanceof Mismatch m) {
            return new Mismatch(cap(target) + " must be " + in.requirement().description() + ", but " + source(from)
                    + " gives " + t.describe() + ": " + m.reason() + ".");
        }
        TensorType expected = in.declared() != null ? in.declared() : in.connected() ? null : in.type();
        if (expected != null && expected.unify(t) instanceof Unification.Conflict c) {
            return new Mismatch(cap(target) + " expects " + expected.describe() + ", but " + source(from) + " gives "
                    + t.describe() + ": " + c.reason() + ".");
        }
        return PortRequirement.COMPATIBLE;
    }

    /** "'conv1' (Convolution)", "the graph input 'Input'". */
    public static String who(NodeItem n) {
        return switch (n.kind()) {
            case INPUT -> "the graph input '" + n.title() + "'";
            case OUTPUT -> "the graph output '" + n.title() + "'";
            default -> "'" + n.id() + "' (" + n.typeName() + ")";
        };
    }

    private static String source(NodeItem n) {
        return who(n);
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Whether wires lead from {@code start} to {@code goal}: the same search netgraph's wiring check makes. */
    static boolean reaches(LevelView level, String start, String goal) {
        Map<String, List<String>> next = new HashMap<>();
        for (WireItem w : level.wires()) {
            next.computeIfAbsent(w.fromId(), k -> new java.util.ArrayList<>()).add(w.toId());
        }
        return Graph.reaches(start, goal, id -> next.getOrDefault(id, List.of()));
    }
}
