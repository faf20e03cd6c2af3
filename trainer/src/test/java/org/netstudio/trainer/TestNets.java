package org.netstudio.trainer;

import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Nets the trainer tests train. */
public final class TestNets {

    private TestNets() {}

    /** A small MLP for the 3-armed spirals: 2 → 32 → 32 → 3 classes. */
    public static NetDocument spirals() {
        return new NetDocument("Spirals MLP", Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 32), Layer.of("Ramp"), Layer.of("Linear", "units", 32), Layer.of("Ramp"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax")), null);
    }

    /** A small MLP for 28×28 grey images in 10 classes (Fashion-MNIST, MNIST). */
    public static NetDocument imageMlp() {
        return new NetDocument("Image MLP", Chain.of(PortDecl.of(TensorType.real(1, 28, 28)), Layer.of("Flatten"),
                Layer.of("Linear", "units", 64), Layer.of("Ramp"), Layer.of("Linear", "units", 10),
                Layer.of("Softmax")), null);
    }

    /** A linear regression of 3 numbers, for the built-in "Linear regression" data. */
    public static NetDocument linearRegression() {
        return new NetDocument("Linear regression", Chain.of(PortDecl.of(TensorType.real(3)),
                Layer.of("Linear", "units", 1)), null);
    }

    /** A net with two outputs, which cannot classify three spiral arms. */
    public static NetDocument twoClasses() {
        return new NetDocument("Two classes", Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 16), Layer.of("Ramp"), Layer.of("Linear", "units", 2),
                Layer.of("Softmax")), null);
    }

    /**
     * Spirals through an imported ONNX Erf, an opaque operator that passes no gradient: with
     * {@code head} a Linear after it learns, without it nothing can.
     */
    public static NetDocument behindOpaqueErf(boolean head) {
        String node = java.util.Base64.getEncoder().encodeToString(ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                .setOpType("Erf").setName("erf").addInput("x").addOutput("y").build().toByteArray());
        Layer erf = Layer.of("OnnxOperator", "op", "Erf", "node", node, "inputs", "wire float", "outputs", "Real 3",
                "opset", 17);
        return new NetDocument("Behind Erf", head
                ? Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3), erf,
                        Layer.of("Linear", "units", 3), Layer.of("Softmax"))
                : Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3), erf, Layer.of("Softmax")),
                null);
    }
}
