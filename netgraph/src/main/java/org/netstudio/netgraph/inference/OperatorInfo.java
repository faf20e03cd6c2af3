package org.netstudio.netgraph.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What inference learned about one sequence operator: its port types and, for each inner net, the
 * inference of that net on its own with the types it is given: one element of the sequence (Map,
 * Fold, whose State input is the state's type) or the whole sequence (Bidirectional). The inner
 * results carry full paths ({@code map1/net/linear1}), so their layers' weights keys are the net's.
 * An engine compiles each inner result as a net of its own. Immutable.
 *
 * @param where   how messages name the operator, e.g. "'map1' (Map, layer 2)"
 * @param inputs  the types of its ports "Input"…, per example (with the sequence axis)
 * @param outputs the types of its output ports, per example
 * @param inner   per inner net name ({@link SequenceOperator#innerNames()}), its inference
 */
public record OperatorInfo(NodePath path, String where, SequenceOperator operator, List<TensorType> inputs,
                           List<TensorType> outputs, Map<String, InferenceResult> inner) {

    public OperatorInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        inner = Collections.unmodifiableMap(new LinkedHashMap<>(inner));
    }

    /**
     * For a Bidirectional, whether the backward net gives a sequence (which is then reversed back,
     * element t of both outputs describing element t of the input) rather than one vector such as
     * its last state: its output has at least two axes and the first is the input's sequence axis.
     */
    public boolean backwardGivesSequence() {
        if (!(operator instanceof BidirectionalOperator)) {
            return false;
        }
        InferenceResult backward = inner.get("backward");
        TensorType out = backward.outputType(path.child("backward"), operator.inner("backward").outputNames().get(0));
        TensorType in = inputs.get(0);
        return OperatorInference.followsSequence(in, out);
    }
}
