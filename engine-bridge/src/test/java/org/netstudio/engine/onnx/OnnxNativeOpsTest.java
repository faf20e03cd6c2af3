package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.integer;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Layer;

/**
 * Opaque ONNX operators computed by PyTorch where the arrays are give what ONNX Runtime gives on the
 * same node: each node runs both ways and the outputs are compared.
 */
class OnnxNativeOpsTest {

    private final NDManager m = NDManager.newBaseManager();
    private final Random random = new Random(3);

    @AfterEach
    void free() {
        m.close();
    }

    private NDArray random(long... shape) {
        float[] v = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 + 0.1f;
        }
        return m.create(v, new Shape(shape));
    }

    private static NodeProto.Builder node(String op, int inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase()).addOutput("y");
        for (int i = 0; i < inputs; i++) {
            n.addInput("x" + i);
        }
        return n;
    }

    private static OnnxNodeSession session(NodeProto.Builder node, String inputs, String outputs, int opset, boolean here) {
        return new OnnxNodeSession(Layer.of("OnnxOperator", "op", node.getOpType(),
                "node", Base64.getEncoder().encodeToString(node.build().toByteArray()),
                "inputs", inputs, "outputs", outputs, "opset", opset).params(), here);
    }

    /** Runs the node here and in ONNX Runtime; the outputs agree in shape and values. */
    private void agree(NodeProto.Builder node, String inputs, String outputs, int opset, NDList wires, NDArray... arrays) {
        java.util.List<NDArray> feed = new java.util.ArrayList<>(wires);
        feed.addAll(java.util.List.of(arrays));
        java.util.List<String> types = org.netstudio.netgraph.catalog.OnnxInputs.parse(inputs).stream()
                .map(org.netstudio.netgraph.catalog.OnnxInputs.Entry::elementType).toList();
        assertThat(OnnxNativeOps.run(node.build(), feed, types)).as(node.getOpType() + " runs here").isPresent();
        NDArray here = session(node, inputs, outputs, opset, true).forward(wires, arrays).head();
        NDArray ort = session(node, inputs, outputs, opset, false).forward(wires, arrays).head();
        assertThat(here.getShape()).isEqualTo(ort.getShape());
        assertThat(here.getDataType()).isEqualTo(ort.getDataType());
        float[] a = here.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] b = ort.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as(node.getOpType() + " value " + i).isCloseTo(b[i], within(1e-5f * Math.max(1, Math.abs(b[i]))));
        }
    }

    @Test
    void arithmeticBroadcastsAsOnnxDoes() {
        for (String op : new String[] {"Add", "Sub", "Mul", "Div", "Pow"}) {
            agree(node(op, 2), "wire float; wire float", "Real 5×4", 17, new NDList(random(3, 5, 4), random(4)));
            agree(node(op, 2), "wire float; wire float", "Real 5×4", 17, new NDList(random(3, 1, 4), random(3, 5, 1)));
        }
    }

    @Test
    void batchedMatMulErfAndSqrtMatch() {
        agree(node("MatMul", 2), "wire float; wire float", "Real 12×7×7", 17,
                new NDList(random(2, 12, 7, 32), random(2, 12, 32, 7)));
        agree(node("MatMul", 2), "wire float; wire float", "Real 7×16", 17, new NDList(random(2, 7, 384), random(384, 16)));
        agree(node("Erf", 1), "wire float", "Real 7×16", 17, new NDList(random(2, 7, 16).sub(1)));
        agree(node("Sqrt", 1), "wire float", "Real 7×16", 17, new NDList(random(2, 7, 16)));
    }

    @Test
    void reduceMeanTakesItsAxesFromTheAttributeOrTheInput() {
        NodeProto.Builder attribute = node("ReduceMean", 1).addAttribute(AttributeProto.newBuilder().setName("axes")
                .setType(AttributeProto.AttributeType.INTS).addInts(-1));
        agree(attribute, "wire float", "Real 7×1", 13, new NDList(random(2, 7, 16)));
        NodeProto.Builder dropped = node("ReduceMean", 1).addAttribute(AttributeProto.newBuilder().setName("axes")
                .setType(AttributeProto.AttributeType.INTS).addInts(1)).addAttribute(AttributeProto.newBuilder()
                .setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0));
        agree(dropped, "wire float", "Real 16", 13, new NDList(random(2, 7, 16)));
        // Opset 18: the axes are a constant input, kept as floats like every NetStudio array.
        agree(node("ReduceMean", 2), "wire float; array int64 1", "Real 7×1", 18, new NDList(random(2, 7, 16)),
                m.create(new float[] {2}, new Shape(1)));
    }

    @Test
    void theShapeBookkeepingOfExportsMatches() {
        NDArray activations = random(2, 7, 384);
        NDArray shapeVector = m.create(new long[] {2, 7, 384});
        // Reshape: 0 copies a size, -1 is inferred; the shape as an int64 wire and as a constant kept as floats.
        agree(node("Reshape", 2), "wire float; wire int64", "Real 7×12×32", 14,
                new NDList(activations, m.create(new long[] {0, 0, 12, -1})));
        agree(node("Reshape", 2), "wire float; array int64 3", "Real 7×384", 14, new NDList(activations.reshape(2, 7, 12, 32)),
                m.create(new float[] {0, -1, 384}, new Shape(3)));
        // Unsqueeze: axes as an attribute (opset 11) and as an input (13), on floats and on a shape vector.
        agree(node("Unsqueeze", 1).addAttribute(ints("axes", 1, -1)), "wire float", "Real 1×7×384×1", 11,
                new NDList(activations));
        agree(node("Unsqueeze", 2), "wire int64; array int64 1", "Integer 1×3", 13, new NDList(shapeVector),
                m.create(new float[] {0}, new Shape(1)));
        // Concat of shape pieces, and of activations.
        agree(node("Concat", 3).addAttribute(integer("axis", 0)), "wire int64; wire int64; wire int64", "Integer 4", 13,
                new NDList(m.create(new long[] {2}), m.create(new long[] {7}), m.create(new long[] {12, 32})));
        agree(node("Concat", 2).addAttribute(integer("axis", -1)), "wire float; wire float", "Real 7×768", 13,
                new NDList(activations, activations.mul(2)));
        // Gather of one size out of a shape vector, counted from the end too.
        agree(node("Gather", 2).addAttribute(integer("axis", 0)), "wire int64; array int64 scalar", "Integer scalar", 13,
                new NDList(shapeVector), m.create(new float[] {-2}, new Shape()));
    }

    @Test
    void whatPyTorchWouldComputeDifferentlyIsLeftToOnnxRuntime() {
        NDList ints = new NDList(m.create(new long[] {7, 8}), m.create(new long[] {2, 3}));
        assertThat(OnnxNativeOps.run(node("Div", 2).build(), ints, java.util.List.of("int64", "int64")))
                .as("integer division").isEmpty();
        assertThat(OnnxNativeOps.run(node("Add", 2).build(), new NDList(random(3), random(3)),
                java.util.List.of("float", "int64"))).as("a constant declared int64").isEmpty();
        assertThat(OnnxNativeOps.run(node("ReduceMean", 1).build(), new NDList(random(2, 3)), java.util.List.of("float")))
                .as("no axes: all of them, or none with noop_with_empty_axes").isEmpty();
        assertThat(OnnxNativeOps.run(node("Gather", 2).build(), new NDList(random(3), random(1)),
                java.util.List.of("float", "int64"))).isEmpty();
    }
}
