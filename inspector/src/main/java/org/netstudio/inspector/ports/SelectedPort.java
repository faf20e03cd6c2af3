package org.netstudio.inspector.ports;

import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * One of the ports a net (or a container inside it) declares, picked on the canvas: the inspector
 * then shows that port's declaration to set.
 *
 * @param container the net ({@link NodePath#ROOT}) or the container whose port it is
 * @param port      the port's name, "Input"
 * @param input     an input (else an output)
 */
public record SelectedPort(NodePath container, String port, boolean input) {

    public SelectedPort {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(port, "port");
    }
}
