package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Read access to one ONNX node's attributes, with defaults. */
record OnnxNode(NodeProto proto) {

    String op() {
        return proto.getDomain().isEmpty() || proto.getDomain().equals("ai.onnx") ? proto.getOpType()
                : proto.getDomain() + ":" + proto.getOpType();
    }

    /** The node's name, or its first output when it has none. */
    String label() {
        if (!proto.getName().isEmpty()) {
            return proto.getName();
        }
        return proto.getOutputCount() > 0 ? proto.getOutput(0) : proto.getOpType();
    }

    AttributeProto attribute(String name) {
        for (AttributeProto a : proto.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return attribute(name) != null;
    }

    long i(String name, long dflt) {
        AttributeProto a = attribute(name);
        return a == null ? dflt : a.getI();
    }

    float f(String name, float dflt) {
        AttributeProto a = attribute(name);
        return a == null ? dflt : a.getF();
    }

    String s(String name, String dflt) {
        AttributeProto a = attribute(name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** An ints attribute, or null when absent. */
    int[] ints(String name) {
        AttributeProto a = attribute(name);
        if (a == null) {
            return null;
        }
        int[] v = new int[a.getIntsCount()];
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.toIntExact(a.getInts(k));
        }
        return v;
    }

    /** Names of the attributes that are not in {@code known}. */
    List<String> attributesOtherThan(String... known) {
        List<String> out = new ArrayList<>();
        outer:
        for (AttributeProto a : proto.getAttributeList()) {
            for (String k : known) {
                if (k.equals(a.getName())) {
                    continue outer;
                }
            }
            out.add(a.getName());
        }
        return out;
    }

    /** The attributes for people: {@code axis=1, kernel_shape=[3, 3]}. */
    String attributesText() {
        List<String> parts = new ArrayList<>();
        for (AttributeProto a : proto.getAttributeList()) {
            parts.add(a.getName() + "=" + value(a));
        }
        return String.join(", ", parts);
    }

    private static String value(AttributeProto a) {
        return switch (a.getType()) {
            case INT -> Long.toString(a.getI());
            case FLOAT -> Float.toString(a.getF());
            case STRING -> "\"" + a.getS().toStringUtf8() + "\"";
            case INTS -> a.getIntsList().toString();
            case FLOATS -> a.getFloatsList().toString();
            case STRINGS -> a.getStringsList().stream().map(b -> "\"" + b.toStringUtf8() + "\"").toList().toString();
            case TENSOR -> "tensor " + a.getT().getDimsList() + " " + OnnxTensors.Constant.typeName(a.getT().getDataType());
            case GRAPH, GRAPHS -> "subgraph";
            default -> a.getType().name().toLowerCase(Locale.ROOT);
        };
    }
}
