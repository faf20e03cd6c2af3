package org.netstudio.netgraph.edit;

import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Several commands applied in order as one edit (one undo entry), e.g. "Paste" adding nodes and
 * wires. If any step does not fit, the whole compound throws and nothing changes.
 */
public record CompoundCommand(String description, List<Command> steps) implements Command {

    public CompoundCommand {
        Objects.requireNonNull(description, "description");
        steps = List.copyOf(steps);
    }

    public static CompoundCommand of(String description, Command... steps) {
        return new CompoundCommand(description, List.of(steps));
    }

    /** The moves of every step, each from the document the step applies to. */
    @Override
    public List<NodeMove> moves(NetDocument before) {
        List<NodeMove> all = new java.util.ArrayList<>();
        NetDocument d = before;
        for (Command c : steps) {
            all.addAll(c.moves(d));
            d = c.apply(d);
        }
        return all;
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetDocument d = doc;
        for (Command c : steps) {
            d = c.apply(d);
        }
        return d;
    }
}
