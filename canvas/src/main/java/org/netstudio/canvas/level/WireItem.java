package org.netstudio.canvas.level;

import java.util.List;
import org.netstudio.netgraph.net.Edge;

/**
 * One wire of the level, between canvas node ids (graph ports are "$Port" nodes).
 *
 * @param typeText the type carried ("20×24×24")
 * @param problems diagnostics about the input it arrives at
 */
public record WireItem(Edge edge, String fromId, String fromPort, String toId, String toPort, String typeText,
                       List<String> problems) {

    public WireItem {
        problems = List.copyOf(problems);
    }

    /** Whether the wire goes from a node back into the same node (a Fold's state fed back into its net). */
    public boolean loop() {
        return fromId.equals(toId);
    }

    /** A stable key: "conv1.Output->$Output.Output". */
    public String key() {
        return fromId + "." + fromPort + "->" + toId + "." + toPort;
    }
}
