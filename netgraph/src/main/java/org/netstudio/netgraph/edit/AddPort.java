package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;

/**
 * Adds a new input or output port to the graph at {@code container}, declared as {@code decl},
 * unwired, at {@code position} on the canvas (null: no position yet). Refused when the name is taken
 * by a port or a node, is not a valid name, or the declaration cannot be written to a net file.
 */
public record AddPort(NodePath container, String port, boolean input, PortDecl decl, Layout.Position position)
        implements PlacingEdit {

    public AddPort {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(decl, "decl");
    }

    @Override
    public Graph edited(Graph g) {
        Names.checkValid(port);
        if (g.inputs().containsKey(port) || g.outputs().containsKey(port) || g.nodes().containsKey(port)) {
            throw new IllegalArgumentException(Names.capitalize(Names.container(container, false))
                    + " already has a port or node named '" + port + "'.");
        }
        PortDecls.unwritable(decl, input).ifPresent(why -> {
            throw new IllegalArgumentException("Cannot declare the " + (input ? "input '" : "output '") + port
                    + "' so: " + why + ".");
        });
        return input ? g.withInput(port, decl) : g.withOutput(port, decl);
    }

    @Override
    public String placedKey() {
        return NetPaths.portLayoutKey(container, port);
    }

    @Override
    public String description() {
        return "Add " + (input ? "input '" : "output '") + port + "'";
    }
}
