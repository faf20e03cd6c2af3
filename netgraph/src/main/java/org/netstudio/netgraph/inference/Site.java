package org.netstudio.netgraph.inference;

import java.util.List;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One step of the flattened net, with the wires of its ports: a catalog layer, or a sequence
 * operator whose inner nets are inferred on their own (see {@link OperatorInference}).
 */
final class Site {

    /** An input port of a site. */
    record Ref(Site site, int port) {
    }

    final int index;
    final NodePath path;
    final String where;
    /** The catalog layer, or null for an operator. */
    final Layer layer;
    final LayerType type;
    final Params params;
    /** The sequence operator, or null for a layer. */
    final SequenceOperator operator;
    final List<String> inputNames;
    final List<String> outputNames;
    final int[] in;
    final int[] out;
    boolean queued;
    /** For an operator: the input types its last inner inference used, and what it found. */
    List<TensorType> innerInputs;
    OperatorInference.Outcome innerOutcome;

    Site(int index, NodePath path, String where, Layer layer, int[] in, int[] out) {
        this(index, path, where, layer, null, layer.inputNames(), layer.layerType().outputs(), in, out);
    }

    Site(int index, NodePath path, String where, SequenceOperator operator, int[] in, int[] out) {
        this(index, path, where, null, operator, operator.inputNames(), operator.outputNames(), in, out);
    }

    private Site(int index, NodePath path, String where, Layer layer, SequenceOperator operator,
                 List<String> inputNames, List<String> outputNames, int[] in, int[] out) {
        this.index = index;
        this.path = path;
        this.where = where;
        this.layer = layer;
        this.type = layer == null ? null : layer.layerType();
        this.params = layer == null ? null : layer.params();
        this.operator = operator;
        this.inputNames = inputNames;
        this.outputNames = outputNames;
        this.in = in;
        this.out = out;
    }

    /** What the operator's inner nets give for these input types, inferring them again only when the types changed. */
    OperatorInference.Outcome inner(List<TensorType> inputs) {
        if (innerOutcome == null || !inputs.equals(innerInputs)) {
            innerInputs = List.copyOf(inputs);
            innerOutcome = OperatorInference.infer(operator, path, where, inputs);
        }
        return innerOutcome;
    }
}
