package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;

/**
 * Declares what an input (its shape or encoder) or an output (its decoder) of the container at
 * {@code container} is. Only declarations a net file can hold are accepted (see {@link PortDecls}).
 */
public record SetPortDecl(NodePath container, String port, boolean input, PortDecl decl) implements Command {

    public SetPortDecl {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(decl, "decl");
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetNode c = NetPaths.require(doc, container);
        String side = input ? "input" : "output";
        PortDecls.unwritable(decl, input).ifPresent(why -> {
            throw new IllegalArgumentException("Cannot declare the " + side + " '" + port + "' of "
                    + Names.container(container, false) + " so: " + why + ".");
        });
        NetNode updated;
        if (c instanceof Graph g) {
            if (!(input ? g.inputs() : g.outputs()).containsKey(port)) {
                throw new IllegalArgumentException(Names.container(container, true) + " has no " + side + " '" + port + "'.");
            }
            updated = input ? g.withInput(port, decl) : g.withOutput(port, decl);
        } else if (c instanceof Chain ch) {
            if (!port.equals(input ? "Input" : "Output")) {
                throw new IllegalArgumentException("A chain's " + side + " is named '" + (input ? "Input" : "Output")
                        + "', not '" + port + "'.");
            }
            updated = input ? ch.withInput(decl) : ch.withOutput(decl);
        } else {
            throw new IllegalArgumentException(Names.container(container, true) + " is a " + c.typeName()
                    + "; only nets and containers declare their ports.");
        }
        return NetPaths.withNode(doc, container, updated);
    }

    @Override
    public String description() {
        return "Set " + (input ? "input '" : "output '") + port + "'";
    }
}
