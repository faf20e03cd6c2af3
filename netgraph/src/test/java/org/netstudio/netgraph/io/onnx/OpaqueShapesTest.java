package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.integer;
import static org.netstudio.netgraph.io.onnx.OnnxImporterTest.value;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Opaque ONNX nodes get their real output shapes, the target shapes a model computes at run time
 * (Shape → Gather → Unsqueeze → Concat) followed; what cannot be told stays unknown.
 */
class OpaqueShapesTest {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = TensorProto.DataType.INT64_VALUE;

    /** A model under construction: x [batch, n, 384] in, nodes added in order, the last node's output out. */
    static final class Model {
        final GraphProto.Builder g = GraphProto.newBuilder().setName("m");
        String last;

        Model(Object... inputDims) {
            g.addInput(value("x", FLOAT, inputDims));
        }

        Model node(String op, String name, String... inputs) {
            return node(op, name, List.of(), inputs);
        }

        Model node(String op, String name, List<AttributeProto> attributes, String... inputs) {
            g.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(List.of(inputs)).addOutput(name)
                    .addAllAttribute(attributes));
            last = name;
            return this;
        }

        Model ints(String name, long... values) {
            g.addInitializer(OnnxTensors.longs(name, new long[] {values.length}, values));
            return this;
        }

        Model scalar(String name, long v) {
            g.addInitializer(OnnxTensors.longs(name, new long[0], new long[] {v}));
            return this;
        }

        /** Shape(x)[i] as a vector of one: the batch (0) or the sequence length (1), as exporters write it. */
        Model dimOf(String x, int i, String name) {
            return scalar(name + "_i", i).ints(name + "_axes", 0).node("Shape", name + "_shape", x)
                    .node("Gather", name + "_gather", List.of(integer("axis", 0)), name + "_shape", name + "_i")
                    .node("Unsqueeze", name, name + "_gather", name + "_axes");
        }

        InferenceResult infer() throws Exception {
            return ShapeInference.infer(read().document().net());
        }

        OnnxImport read() throws Exception {
            ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                    .setGraph(g.clone().addOutput(ValueInfoProto.newBuilder().setName(last)).build())
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
            return OnnxImporter.read(m.toByteArray(), "m.onnx");
        }
    }

    private static String shape(InferenceResult r, String node) {
        return type(r, node).shapeText();
    }

    private static TensorType type(InferenceResult r, String node) {
        return r.outputType(NodePath.ROOT.child(node), "Output");
    }

    @Test
    void attentionHeadsSplitByAComputedShapeAndScoredByABatchedMatMul() throws Exception {
        Model m = new Model("batch", "n", 384).dimOf("x", 0, "b").dimOf("x", 1, "s").ints("heads", 12).ints("width", 32)
                .node("Concat", "target", List.of(integer("axis", 0)), "b", "s", "heads", "width")
                .node("Reshape", "split", "x", "target")
                .node("Transpose", "q", List.of(OnnxAttributes.ints("perm", 0, 2, 1, 3)), "split")
                .node("Transpose", "kT", List.of(OnnxAttributes.ints("perm", 0, 2, 3, 1)), "split")
                .node("MatMul", "scores", "q", "kT")
                .node("Softmax", "weights", List.of(integer("axis", -1)), "scores")
                .node("MatMul", "mixed", "weights", "q")
                .node("Transpose", "back", List.of(OnnxAttributes.ints("perm", 0, 2, 1, 3)), "mixed")
                .ints("all", 384).node("Concat", "merged_shape", List.of(integer("axis", 0)), "b", "s", "all")
                .node("Reshape", "merged", "back", "merged_shape");
        InferenceResult r = m.infer();

        assertThat(type(r, "s_shape").toString()).isEqualTo("Integer 3");
        assertThat(type(r, "s_gather").toString()).isEqualTo("Integer scalar");
        assertThat(type(r, "target").toString()).isEqualTo("Integer 4");
        assertThat(shape(r, "split")).isEqualTo("n×12×32");
        assertThat(shape(r, "q")).isEqualTo("12×n×32");
        assertThat(shape(r, "kT")).isEqualTo("12×32×n");
        assertThat(shape(r, "scores")).isEqualTo("12×n×n");
        assertThat(shape(r, "weights")).isEqualTo("12×n×n");
        assertThat(shape(r, "mixed")).isEqualTo("12×n×32");
        assertThat(shape(r, "merged")).isEqualTo("n×384");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void reshapeCopiesZerosAndInfersMinusOneWhenTheSymbolsCancel() throws Exception {
        InferenceResult r = new Model("batch", "n", 384).ints("t", 0, 0, -1, 32).node("Reshape", "heads", "x", "t")
                .dimOf("x", 0, "b").ints("rest", -1).node("Concat", "flat_shape", List.of(integer("axis", 0)), "b", "rest")
                .node("Reshape", "flat", "x", "flat_shape").infer();

        assertThat(shape(r, "heads")).isEqualTo("n×12×32");
        // -1 would be n×384: one size, but neither a number nor one symbol, so it is not shown as one.
        assertThat(shape(r, "flat")).isEqualTo("?");
        assertThat(type(r, "flat").rank()).isEqualTo(1);
    }

    @Test
    void aShapeTheImporterCannotFollowStaysUnknown() throws Exception {
        Model m = new Model("batch", "n", 384);
        m.g.addInput(value("target", INT64, 4));
        InferenceResult r = m.node("Reshape", "reshaped", "x", "target")
                .ints("batch_axis", 0).node("Squeeze", "unbatched", "x", "batch_axis")
                .node("ReduceProd", "over_the_batch", List.of(OnnxAttributes.ints("axes", 0)), "x")
                .ints("flat", 1, -1).node("Reshape", "merged_batch", "x", "flat").infer();

        assertThat(type(r, "reshaped").rankKnown()).isFalse();
        // Results whose batch axis went or merged are not passed off as per-example shapes.
        assertThat(type(r, "unbatched").rankKnown()).isFalse();
        assertThat(type(r, "over_the_batch").rankKnown()).isFalse();
        assertThat(type(r, "merged_batch").rankKnown()).isFalse();
    }

    @Test
    void sliceSqueezeSplitExpandAndConstantOfShape() throws Exception {
        Model m = new Model("batch", "n", 12).ints("from", 2).ints("to", 8).ints("axis2", 2)
                .node("Slice", "middle", "x", "from", "to", "axis2")
                .ints("zero", 0).ints("end", Long.MAX_VALUE).ints("axis1", 1)
                .node("Slice", "whole", "x", "zero", "end", "axis1")
                .ints("one", 1).node("Slice", "tail", "x", "one", "end", "axis1")
                .node("Split", "parts", List.of(integer("axis", 2)), "x");
        m.g.getNodeBuilder(m.g.getNodeCount() - 1).addOutput("parts_2").addOutput("parts_3");
        m.node("Add", "sum", "parts", "parts_3");
        m.dimOf("x", 0, "b").ints("five", 5).ints("twelve", 12)
                .node("Concat", "wide", List.of(integer("axis", 0)), "b", "five", "twelve")
                .node("ReduceMean", "one_row", List.of(OnnxAttributes.ints("axes", 1, 2)), "sum")
                .node("Expand", "expanded", "one_row", "wide")
                .node("ConstantOfShape", "zeros", "wide")
                .ints("ax", 1).node("Unsqueeze", "lifted", "x", "ax").node("Squeeze", "dropped", "lifted", "ax");
        InferenceResult r = m.infer();

        assertThat(shape(r, "middle")).isEqualTo("n×6");
        assertThat(shape(r, "whole")).isEqualTo("n×12");
        assertThat(shape(r, "tail")).isEqualTo("?×12");
        assertThat(shape(r, "parts")).isEqualTo("n×4");
        assertThat(shape(r, "parts_output3")).isEqualTo("n×4");
        assertThat(shape(r, "expanded")).isEqualTo("5×12");
        assertThat(shape(r, "zeros")).isEqualTo("5×12");
        assertThat(shape(r, "lifted")).isEqualTo("1×n×12");
        assertThat(shape(r, "dropped")).isEqualTo("n×12");
    }

    @Test
    void axesAndPartSizesGivenOnlyWhenTheModelRunsAreNotGuessed() throws Exception {
        // As ONNX's test_squeeze and test_split_variable_parts_2d have them: a wrong guess would be
        // "every size-1 axis goes" and "equal parts".
        Model m = new Model("batch", 1, 12);
        m.g.addInput(value("axes", INT64, 1)).addInput(value("sizes", INT64, 2));
        m.node("Squeeze", "squeezed", "x", "axes").node("Split", "parts", List.of(integer("axis", 2)), "x", "sizes");
        m.g.getNodeBuilder(m.g.getNodeCount() - 1).addOutput("parts_2");
        m.g.addOutput(ValueInfoProto.newBuilder().setName("squeezed"));
        InferenceResult r = m.infer();

        assertThat(r.layer(NodePath.of("squeezed"))).as("imported").isNotNull();
        assertThat(type(r, "squeezed").rankKnown()).isFalse();
        assertThat(type(r, "parts").rankKnown()).isFalse();
    }

    @Test
    void aSequenceAxisNamedLikeTheBatchGetsANameOfItsOwn() throws Exception {
        // Some exporters (MiniLM's) declare token ids as [batch, batch].
        InferenceResult r = new Model("batch", "batch").node("Erf", "e", "x").infer();

        assertThat(shape(r, "e")).isEqualTo("n");
    }
}
