package org.netstudio.canvas.preview;

import java.util.Map;
import java.util.Optional;
import org.netstudio.canvas.level.Layouts;
import org.netstudio.netgraph.net.NodePath;

/**
 * What flows through a net for one example, as the canvas previews it: the output of each node
 * (by its path from the root; a container's is what leaves it) and the values at the net's own
 * input and output ports. Immutable.
 *
 * @param example what the values are of, for people ("test image 7: Ankle boot")
 * @param nodes   each node's (first) output
 * @param inputs  the net's inputs, by port name
 * @param outputs the net's outputs, by port name
 */
public record Previews(String example, Map<NodePath, PortPicture> nodes, Map<String, PortPicture> inputs,
                       Map<String, PortPicture> outputs) {

    /** No previews. */
    public static final Previews NONE = new Previews("", Map.of(), Map.of(), Map.of());

    public Previews {
        nodes = Map.copyOf(nodes);
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return nodes.isEmpty() && inputs.isEmpty() && outputs.isEmpty();
    }

    /**
     * The value a canvas node at a level shows: a node's output, or at the root level the value
     * at one of the net's ports ({@code $Input}).
     */
    public Optional<PortPicture> at(NodePath level, String id, boolean inputPort) {
        if (Layouts.isPortId(id)) {
            if (!level.equals(NodePath.ROOT)) {
                return Optional.empty();
            }
            return Optional.ofNullable((inputPort ? inputs : outputs).get(Layouts.portName(id)));
        }
        return Optional.ofNullable(nodes.get(level.child(id)));
    }
}
