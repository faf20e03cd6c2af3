package org.netstudio.canvas.level;

import java.util.List;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One port of a canvas node with its inferred type. Input ports sit on the top edge, outputs on
 * the bottom edge; {@code dx}/{@code dy} is the port's centre relative to the node's corner.
 *
 * @param requirement what a layer input accepts, or null (graph output ports, containers)
 * @param declared    the declared type of a graph output port, or null
 */
public record PortItem(String name, boolean input, TensorType type, PortRequirement requirement,
                       TensorType declared, boolean connected, double dx, double dy, List<String> problems) {

    public PortItem {
        problems = List.copyOf(problems);
    }

    /** "Input · 1×28×28". */
    public String label() {
        return name + " · " + NodeText.typeText(type);
    }
}
