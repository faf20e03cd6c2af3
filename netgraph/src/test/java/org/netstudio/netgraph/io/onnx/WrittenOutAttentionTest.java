package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.node;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.value;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortRef;

/** Self-attention as PyTorch writes BERT's out in operators becomes one Attention layer, when every constant fits. */
class WrittenOutAttentionTest {

    /**
     * x (batch, n, 4) projected to Q, K, V; split into 2 heads of 2 by Reshapes to [0, 0, 2, 2]; scores divided by
     * {@code scale}; the extended mask (1 − Cast(Unsqueeze(mask, 1, 2))) · −3.4e38 added; Softmax; joined by a
     * Reshape to [0, 0, 4].
     */
    static ModelProto selfAttention(float scale) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("attention")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 4))
                .addInput(value("mask", TensorProto.DataType.INT64_VALUE, "batch", "n"))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 4))
                .addInitializer(OnnxTensors.longs("split", new long[] {4}, new long[] {0, 0, 2, 2}))
                .addInitializer(OnnxTensors.longs("join", new long[] {3}, new long[] {0, 0, 4}))
                .addInitializer(OnnxTensors.longs("axis1", new long[] {1}, new long[] {1}))
                .addInitializer(OnnxTensors.longs("axis2", new long[] {1}, new long[] {2}))
                .addInitializer(OnnxTensors.floats("one", new long[0], new float[] {1}))
                .addInitializer(OnnxTensors.floats("lowest", new long[0], new float[] {-3.4028235e38f}))
                .addInitializer(OnnxTensors.floats("scale", new long[0], new float[] {scale}));
        for (String p : List.of("q", "k", "v")) {
            float[] w = new float[16];
            for (int i = 0; i < w.length; i++) {
                w[i] = (i * 7 % 5 - 2) / 4f + p.charAt(0) / 1000f;
            }
            g.addInitializer(OnnxTensors.floats("W" + p, new long[] {4, 4}, w));
            g.addNode(node("MatMul", p, List.of("x", "W" + p), p + "x"));
            g.addNode(node("Reshape", p + "split", List.of(p + "x", "split"), p + "s"));
            g.addNode(node("Transpose", p + "heads", List.of(p + "s"), p + "h").toBuilder()
                    .addAttribute(OnnxAttributes.ints("perm", p.equals("k") ? new long[] {0, 2, 3, 1} : new long[] {0, 2, 1, 3})));
        }
        g.addNode(node("Unsqueeze", "u1", List.of("mask", "axis1"), "m1"))
                .addNode(node("Unsqueeze", "u2", List.of("m1", "axis2"), "m2"))
                .addNode(node("Cast", "cast", List.of("m2"), "mf").toBuilder()
                        .addAttribute(OnnxAttributes.integer("to", TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Sub", "invert", List.of("one", "mf"), "hidden"))
                .addNode(node("Mul", "extend", List.of("hidden", "lowest"), "extended"))
                .addNode(node("MatMul", "products", List.of("qh", "kh"), "products"))
                .addNode(node("Div", "scaled", List.of("products", "scale"), "scaled"))
                .addNode(node("Add", "masked", List.of("scaled", "extended"), "masked"))
                .addNode(node("Softmax", "softmax", List.of("masked"), "weights").toBuilder()
                        .addAttribute(OnnxAttributes.integer("axis", -1)))
                .addNode(node("MatMul", "mix", List.of("weights", "vh"), "mixed"))
                .addNode(node("Transpose", "joining", List.of("mixed"), "joining").toBuilder()
                        .addAttribute(OnnxAttributes.ints("perm", 0, 2, 1, 3)))
                .addNode(node("Reshape", "join", List.of("joining", "join"), "y"));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14)).build();
    }

    @Test
    void becomesOneAttentionLayerWithTheModelsMaskAsItsKeyMask() throws Exception {
        OnnxImport imported = OnnxImporter.read(selfAttention((float) Math.sqrt(2)).toByteArray(), "attention.onnx");

        Graph g = (Graph) imported.document().net();
        assertThat(imported.report().opaque()).isEmpty();
        Layer attention = g.nodes().values().stream().filter(n -> n instanceof Layer l && l.type().equals("Attention"))
                .map(Layer.class::cast).findFirst().orElseThrow();
        assertThat(attention.params().getInt("heads")).isEqualTo(2);
        assertThat(attention.params().getInt("keySize")).isEqualTo(2);
        assertThat(attention.inputNames()).containsExactly("Key", "Value", "Query", "Mask1");
        String name = g.nodes().entrySet().stream().filter(e -> e.getValue() == attention).findFirst().orElseThrow().getKey();
        assertThat(g.edges()).contains(new Edge(PortRef.graphPort("mask"), PortRef.of(name, "Mask1")));
        // The mask arithmetic and the Reshapes and Transposes went with it: three Linears and the Attention remain.
        assertThat(g.nodes()).hasSize(4);
        assertThat(imported.report().text()).contains("1 multi-head attention written out in operators");
        assertThat(ShapeInference.infer(g).diagnostics()).noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    @Test
    void aScaleOtherThanOneOverTheRootOfTheKeySizeIsLeftAsItIs() throws Exception {
        OnnxImport imported = OnnxImporter.read(selfAttention(3).toByteArray(), "attention.onnx");

        Graph g = (Graph) imported.document().net();
        assertThat(g.nodes().values()).noneMatch(n -> n instanceof Layer l && l.type().equals("Attention"));
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).contains("MatMul");
    }
}
