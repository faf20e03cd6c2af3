package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.text.Shown;

/**
 * Checks, before anything is imported, that an ONNX graph's values flow one way as ONNX requires:
 * every node reads only graph inputs, initializers and outputs of earlier nodes, and every value
 * has one producer (and every node at least one output). So a node reading its own output, a
 * cycle of nodes, or a value computed twice is refused with a sentence naming the node, instead of
 * surfacing later as a missing wire.
 */
final class ValueOrder {

    private ValueOrder() {
    }

    /** Throws IllegalArgumentException naming the first node that breaks the order. */
    static void check(GraphProto graph) {
        Set<String> given = new HashSet<>();
        for (ValueInfoProto v : graph.getInputList()) {
            given.add(v.getName());
        }
        for (TensorProto t : graph.getInitializerList()) {
            given.add(t.getName());
        }
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                if (!o.isEmpty()) {
                    producers.putIfAbsent(o, n);
                }
            }
        }
        Set<String> computed = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOutputCount() == 0 || n.getOutputList().stream().allMatch(String::isEmpty)) {
                throw new IllegalArgumentException(node(n) + " has no outputs; every ONNX node computes something");
            }
            for (String v : n.getInputList()) {
                if (v.isEmpty() || given.contains(v) || computed.contains(v)) {
                    continue;
                }
                if (n.getOutputList().contains(v)) {
                    throw new IllegalArgumentException(node(n) + " reads its own output \"" + Shown.text(v)
                            + "\"; an ONNX graph must not feed a node's output back into it");
                }
                NodeProto later = producers.get(v);
                if (later != null) {
                    throw new IllegalArgumentException(node(n) + " reads \"" + Shown.text(v) + "\", which only the later "
                            + node(later) + " computes; the nodes are out of order or form a cycle");
                }
                throw new IllegalArgumentException(node(n) + " reads \"" + Shown.text(v)
                        + "\", which no input, constant or earlier node gives");
            }
            for (String o : n.getOutputList()) {
                if (o.isEmpty()) {
                    continue;
                }
                if (given.contains(o) || !computed.add(o)) {
                    throw new IllegalArgumentException(node(n) + " computes \"" + Shown.text(o) + "\", which "
                            + (given.contains(o) ? "is already an input or initializer of the graph"
                            : "an earlier node computes too") + "; every ONNX value has one producer");
                }
            }
        }
    }

    private static String node(NodeProto n) {
        return "node \"" + Shown.text(new OnnxNode(n).label()) + "\" (" + Shown.text(n.getOpType()) + ")";
    }
}
