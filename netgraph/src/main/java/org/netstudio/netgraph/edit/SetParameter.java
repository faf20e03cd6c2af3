package org.netstudio.netgraph.edit;

import java.util.Objects;
import java.util.Optional;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * Sets one parameter of the layer at {@code layer}, or one option of the sequence operator there
 * (a Fold's returnSequences, a Bidirectional's merge) ({@code value} null: back to its default).
 * Invalid values are refused with the catalog's sentence, which echoes the value. Consecutive edits
 * of the same parameter merge into one undo entry (typing "128" is one edit, not three).
 */
public record SetParameter(NodePath layer, String param, Object value) implements Command {

    public SetParameter {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(param, "param");
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetNode n = NetPaths.require(doc, layer);
        if (!(n instanceof Layer) && !(n instanceof SequenceOperator op && !op.options().isEmpty())) {
            throw new IllegalArgumentException(Names.container(layer, true) + " is a " + n.typeName()
                    + ", which has no parameters.");
        }
        NetNode updated;
        try {
            updated = n instanceof Layer l ? l.with(param, value) : ((SequenceOperator) n).withOption(param, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot set " + param + " of " + Names.container(layer, false) + ": "
                    + e.getMessage() + ".", e);
        }
        return NetPaths.withNode(doc, layer, updated);
    }

    @Override
    public String description() {
        return "Set " + param + " of " + Names.container(layer, false);
    }

    @Override
    public Optional<Command> mergeWith(Command next) {
        if (next instanceof SetParameter s && s.layer.equals(layer) && s.param.equals(param)) {
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
