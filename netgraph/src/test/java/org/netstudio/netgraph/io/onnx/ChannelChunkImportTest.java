package org.netstudio.netgraph.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.onnx.OnnxAttributes.integer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;

/**
 * ShuffleNet's unit as PyTorch exports it: {@code x.chunk(2, dim=1)} as two Slices whose bounds the model
 * computes from the input's shape (Shape → Gather → Add → Div → Mul), and the channel shuffle as a Reshape to
 * a computed shape, a Transpose and a Reshape back. Every node becomes a catalog layer (Part, Reshape,
 * Transpose), so the whole unit trains.
 */
class ChannelChunkImportTest {

    private static OpaqueShapesTest.Model unit() {
        OpaqueShapesTest.Model m = new OpaqueShapesTest.Model("batch", 8, 4, 4);
        m.ints("channel_axis", 1).ints("one", 1).ints("two", 2).ints("zero", 0)
                .node("Shape", "shape", "x")
                .node("Gather", "channels", List.of(integer("axis", 0)), "shape", "channel_axis")
                .node("Add", "rounded_up", "channels", "one")
                .node("Div", "chunk", "rounded_up", "two")
                .node("Mul", "half", "chunk", "one")
                .node("Mul", "all", "chunk", "two")
                .node("Slice", "left", "x", "zero", "half", "channel_axis")
                .node("Slice", "right", "x", "half", "all", "channel_axis")
                .node("Relu", "branch", "right")
                .node("Concat", "joined", List.of(integer("axis", 1)), "left", "branch")
                .dimOf("joined", 0, "b").ints("groups_shape", 2, 4, 4, 4)
                .node("Concat", "grouped_shape", List.of(integer("axis", 0)), "b", "groups_shape")
                .node("Reshape", "grouped", "joined", "grouped_shape")
                .node("Transpose", "shuffled", List.of(OnnxAttributes.ints("perm", 0, 2, 1, 3, 4)), "grouped")
                .ints("flat_shape", 0, -1, 4, 4)
                .node("Reshape", "out", "shuffled", "flat_shape");
        return m;
    }

    @Test
    void chunkAndChannelShuffleBecomePartReshapeAndTranspose() throws Exception {
        OnnxImport imported = unit().read();

        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        Graph net = (Graph) imported.document().net();
        Layer left = (Layer) net.nodes().get("left");
        Layer right = (Layer) net.nodes().get("right");
        assertThat(List.of(left.type(), left.params().getInt("axis"), left.params().getInt("start"),
                left.params().getInt("end"))).containsExactly("Part", 0, 0, 4);
        assertThat(List.of(right.type(), right.params().getInt("axis"), right.params().getInt("start"),
                right.params().getInt("end"))).containsExactly("Part", 0, 4, 8);
        assertThat(net.nodes().keySet()).as("the shape arithmetic goes")
                .doesNotContain("shape", "channels", "half", "all");
        InferenceResult r = ShapeInference.infer(net);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.ROOT.child("left"), "Output").shapeText()).isEqualTo("4×4×4");
        assertThat(r.outputType(NodePath.ROOT.child("shuffled"), "Output").shapeText()).isEqualTo("4×2×4×4");
        assertThat(r.outputType(NodePath.ROOT.child("out"), "Output").shapeText()).isEqualTo("8×4×4");
    }

    @Test
    void aSliceWithAStepOrOfAnAxisOfUnknownSizeStaysOpaqueAndSaysWhy() throws Exception {
        OnnxImport imported = new OpaqueShapesTest.Model("batch", "n", 4).ints("axis", 1).ints("start", 0)
                .ints("end", 2).ints("step", 2).node("Slice", "every_other", "x", "start", "end", "axis", "step")
                .node("Slice", "of_the_sequence", "every_other", "start", "end", "axis").read();

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::reason).containsOnly(
                "only a span of one axis (Part) or reversing a sequence (SequenceReverse) is mapped");
    }
}
