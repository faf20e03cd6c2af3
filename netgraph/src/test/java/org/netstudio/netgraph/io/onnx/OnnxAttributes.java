package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;

/** ONNX node attributes for tests that build models by hand. */
public final class OnnxAttributes {

    private OnnxAttributes() {
    }

    /** An INTS attribute. */
    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** An INT attribute. */
    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
