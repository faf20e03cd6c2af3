package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Embedding lookups: a Gather on axis 0 of a constant 2-D float table by wired integer indices,
 * which is how PyTorch exports {@code nn.Embedding}. Such a Gather is the catalog Embedding, once
 * its indices are typed as indices: a model's integer input is, when every node reading it
 * either looks it up in a table or takes any tensor (stays an ONNX operator). Stateless.
 */
final class EmbeddingLookups {

    private EmbeddingLookups() {
    }

    /** The table of an embedding lookup (constant, float, [vocabulary, size]), or null when the node is none. */
    static OnnxTensors.Constant table(NodeProto p, Function<String, OnnxTensors.Constant> constants) {
        if (!p.getOpType().equals("Gather") || !(p.getDomain().isEmpty() || p.getDomain().equals("ai.onnx"))
                || p.getInputCount() != 2 || p.getOutputCount() != 1 || new OnnxNode(p).i("axis", 0) != 0) {
            return null;
        }
        OnnxTensors.Constant t = constants.apply(p.getInput(0));
        if (t == null || !t.isReal() || t.shape().length != 2 || t.shape()[0] < 1 || t.shape()[0] > Integer.MAX_VALUE
                || t.shape()[1] < 1 || constants.apply(p.getInput(1)) != null) {
            return null;
        }
        return t;
    }

    /**
     * The index range to give a model input of integer type: the smallest vocabulary of the tables
     * it is looked up in (an index beyond it would be out of range in that table), or 0 when it
     * stays plain integers: it is no integer input, is looked up nowhere, or a node reading it
     * would take it for its value (Identity and Dropout pass it on to mapped layers).
     */
    static int indexRange(String input, int elementType, List<NodeProto> readers,
            Function<String, OnnxTensors.Constant> constants) {
        if (elementType != TensorProto.DataType.INT64_VALUE && elementType != TensorProto.DataType.INT32_VALUE) {
            return 0;
        }
        long range = Long.MAX_VALUE;
        for (NodeProto r : readers) {
            OnnxTensors.Constant t = table(r, constants);
            if (t != null && r.getInput(1).equals(input) && !r.getInput(0).equals(input)) {
                range = Math.min(range, t.shape()[0]);
            } else if (Set.of("Identity", "Dropout").contains(r.getOpType())) {
                return 0;
            }
        }
        return range == Long.MAX_VALUE ? 0 : (int) range;
    }
}
