package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONNX model being imported, indexed once: its opsets, which node produces each value, which
 * nodes read it, and how often it is used (being a model output counts as a use). Not changed
 * after it is made.
 */
final class ModelGraph {

    /** The opset assumed when a model declares none for the default domain. */
    private static final long DEFAULT_OPSET = 13;

    private final ModelProto model;
    private final GraphProto graph;
    private final long opset;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();

    ModelGraph(ModelProto model) {
        this.model = model;
        this.graph = model.getGraph();
        long v = 0;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                v = o.getVersion();
            }
        }
        this.opset = v == 0 ? DEFAULT_OPSET : v;
        for (NodeProto n : graph.getNodeList()) {
            for (String i : n.getInputList()) {
                uses.merge(i, 1, Integer::sum);
                readers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
        }
        for (ValueInfoProto o : graph.getOutputList()) {
            uses.merge(o.getName(), 1, Integer::sum);
        }
    }

    GraphProto graph() {
        return graph;
    }

    /** The producer the model names (e.g. "pytorch"), or empty. */
    String producerName() {
        return model.getProducerName();
    }

    /** The opset of the default ONNX domain. */
    long opset() {
        return opset;
    }

    /** The opset of a domain: the default one's for ONNX's own, 1 for a domain the model does not declare. */
    long opset(String domain) {
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            return opset;
        }
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().equals(domain)) {
                return Math.max(1, o.getVersion());
            }
        }
        return 1;
    }

    /** The node that computes a value, or null for an input, an initializer or an unknown value. */
    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** The nodes that read a value, in graph order. */
    List<NodeProto> readers(String value) {
        return readers.getOrDefault(value, List.of());
    }

    /** Whether a node reads the value or the model gives it out. */
    boolean isUsed(String value) {
        return uses.containsKey(value);
    }

    /** How often nodes read the value, plus one when the model gives it out. */
    int uses(String value) {
        return uses.getOrDefault(value, 0);
    }

    boolean isOutput(String value) {
        return graph.getOutputList().stream().anyMatch(v -> v.getName().equals(value));
    }

    boolean isInput(String value) {
        return graph.getInputList().stream().anyMatch(v -> v.getName().equals(value));
    }

    /** The value of a Constant node, or null when it is not one NetStudio reads. */
    static OnnxTensors.Constant constantOf(OnnxNode n) {
        AttributeProto a = n.proto().getAttributeCount() == 1 ? n.proto().getAttribute(0) : null;
        if (a == null) {
            return null;
        }
        try {
            return switch (a.getName()) {
                case "value" -> OnnxTensors.decode(a.getT());
                case "value_float" -> new OnnxTensors.Constant(new long[0], new float[] {a.getF()}, null, TensorProto.DataType.FLOAT_VALUE);
                case "value_int" -> new OnnxTensors.Constant(new long[0], null, new long[] {a.getI()}, TensorProto.DataType.INT64_VALUE);
                case "value_floats" -> {
                    float[] f = new float[a.getFloatsCount()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = a.getFloats(i);
                    }
                    yield new OnnxTensors.Constant(new long[] {f.length}, f, null, TensorProto.DataType.FLOAT_VALUE);
                }
                case "value_ints" -> {
                    long[] l = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    yield new OnnxTensors.Constant(new long[] {l.length}, null, l, TensorProto.DataType.INT64_VALUE);
                }
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
