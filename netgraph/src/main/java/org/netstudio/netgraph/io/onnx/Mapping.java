package org.netstudio.netgraph.io.onnx;

import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Layer;

/** What one ONNX node maps to: catalog layers, an alias of one of its inputs, or nothing (opaque). */
sealed interface Mapping {

    /**
     * One or more layers applied in turn; the first takes {@code inputs} (ONNX value names) on its
     * ports in order, each next one the previous one's output.
     */
    record Layers(List<Step> steps, List<String> inputs) implements Mapping {
    }

    /** A layer with its arrays, by catalog array name (shapes in NetStudio's layouts). */
    record Step(Layer layer, Map<String, OnnxTensors.Constant> arrays) {
    }

    /** The node passes its input through (Identity, Dropout at inference). */
    record Alias(String input, String reason) implements Mapping {
    }

    /** No catalog layer computes it: it stays an ONNX operator. */
    record Opaque(String reason) implements Mapping {
    }

    static Mapping layer(Layer layer, String... inputs) {
        return new Layers(List.of(new Step(layer, Map.of())), List.of(inputs));
    }

    static Mapping layer(Layer layer, Map<String, OnnxTensors.Constant> arrays, String input) {
        return new Layers(List.of(new Step(layer, arrays)), List.of(input));
    }
}
