package org.netstudio.netgraph.edit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/**
 * Sets the learning-rate multiplier of some nodes (0 freezes them), or removes their own entries so
 * that they inherit their container's again ({@code factor} empty). Only the multipliers change;
 * the canvas's Freeze, Unfreeze and "Learning-rate multiplier…" are this command.
 *
 * @param paths the nodes, at least one, each in the net
 * @param factor the multiplier, ≥ 0, or empty to remove the nodes' own entries
 * @param description for the Undo menu item, e.g. "Freeze conv1"
 */
public record SetMultiplier(List<NodePath> paths, OptionalDouble factor, String description) implements Command {

    public SetMultiplier {
        paths = List.copyOf(paths);
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(description, "description");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one node to set the learning-rate multiplier of.");
        }
    }

    /** Freezes the nodes (multiplier 0). */
    public static SetMultiplier freeze(List<NodePath> paths) {
        return new SetMultiplier(paths, OptionalDouble.of(0), "Freeze " + named(paths));
    }

    /**
     * Unfreezes the nodes: removes their own entries, and where a container still freezes them,
     * gives them multiplier 1.
     */
    public static Command unfreeze(List<NodePath> paths) {
        return new Command() {
            @Override
            public NetDocument apply(NetDocument doc) {
                LearningRateMultipliers m = doc.multipliers();
                for (NodePath p : paths) {
                    NetPaths.require(doc, p);
                    m = m.without(p);
                    if (m.frozen(p)) {
                        m = m.with(p, 1);
                    }
                }
                return doc.withMultipliers(m);
            }

            @Override
            public String description() {
                return "Unfreeze " + named(paths);
            }
        };
    }

    private static String named(List<NodePath> paths) {
        return paths.size() == 1 ? paths.get(0).toString() : paths.size() + " nodes";
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        LearningRateMultipliers m = doc.multipliers();
        for (NodePath p : paths) {
            NetPaths.require(doc, p);
            m = factor.isPresent() ? m.with(p, factor.getAsDouble()) : m.without(p);
        }
        return doc.withMultipliers(m);
    }
}
