package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The shapes an imported all-MiniLM-L6-v2 shows are known (the attention's reshapes too, whose
 * target shapes the model computes from Shape → Gather → Unsqueeze → Concat) and true: for a
 * batch of 2 sentences of 5 tokens, every node's shape with the sequence length put in equals
 * the shape ONNX Runtime gives the same ONNX value.
 */
class MiniLmShapesTest {

    private static final int BATCH = 2;
    private static final int TOKENS = 5;

    private static ModelProto model;
    private static OnnxImport imported;
    private static InferenceResult inference;

    @BeforeAll
    static void importIt() throws IOException {
        byte[] bytes = MiniLmImportTest.miniLm();
        model = ModelProto.parseFrom(bytes);
        imported = OnnxImporter.read(bytes, "all-minilm-l6-v2.onnx");
        inference = ShapeInference.infer(imported.document().net());
    }

    /** The net's nodes (each a layer here) with their output type. */
    private static Map<String, TensorType> nodeTypes() {
        Map<String, TensorType> out = new LinkedHashMap<>();
        for (String node : ((Graph) imported.document().net()).nodes().keySet()) {
            out.put(node, inference.outputType(NodePath.ROOT.child(node), "Output"));
        }
        return out;
    }

    @Test
    void everyNodeShowsItsShape() {
        Map<String, TensorType> types = nodeTypes();
        List<String> unknown = types.entrySet().stream().filter(e -> !e.getValue().dimsKnown())
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        System.out.println("MiniLM: " + unknown.size() + " of " + types.size() + " nodes with unknown shapes");
        unknown.forEach(u -> System.out.println("  " + u));
        assertThat(unknown).isEmpty();
        // The encoder's values read as a person expects (the attention's per-head values are inside its Attention layers).
        assertThat(types.values().stream().map(TensorType::shapeText)).contains("n×384", "n×1536");
    }

    @Test
    void itsParameterTotalIsKnown() {
        long total = 0;
        for (org.netstudio.netgraph.inference.LayerInfo l : inference.layers()) {
            assertThat(l.parameterCount()).as(l.path().toString()).isNotNegative();
            total += l.parameterCount();
        }
        System.out.println("MiniLM: " + total + " parameters");
        // The BertModel's 22,713,216, plus the opaque operators' few constants (indices, axes, the 512 position ids).
        assertThat(total).isBetween(22_713_216L, 22_713_216L + 1_000);
    }

    @Test
    void shownShapesAreTheShapesOnnxRuntimeComputes() throws IOException {
        // Every value an ONNX node computes that the net shows, as an extra output of the model.
        Map<String, NodeProto> byLabel = new HashMap<>();
        for (NodeProto p : model.getGraph().getNodeList()) {
            byLabel.put(p.getName().isEmpty() ? p.getOutput(0) : p.getName(), p);
        }
        Map<String, String> shownBy = new LinkedHashMap<>();
        for (ImportReport.Entry e : imported.report().entries()) {
            boolean plain = e.outcome() == ImportReport.Outcome.OPAQUE
                    || e.outcome() == ImportReport.Outcome.MAPPED && (e.reason().isEmpty() || e.reason().startsWith("the bias of"));
            NodeProto p = byLabel.get(e.onnxName());
            if (plain && p != null && !e.node().isEmpty()) {
                shownBy.put(p.getOutput(0), e.node());
            }
        }
        ModelProto.Builder probe = model.toBuilder();
        for (String value : shownBy.keySet()) {
            if (probe.getGraph().getOutputList().stream().noneMatch(o -> o.getName().equals(value))) {
                probe.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(value));
            }
        }
        float[] ids = {101, 7592, 2088, 999, 102, 101, 2204, 2851, 102, 0};
        float[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        feed.put("input_ids", TensorValue.of(ids, BATCH, TOKENS));
        feed.put("attention_mask", TensorValue.of(mask, BATCH, TOKENS));
        feed.put("token_type_ids", TensorValue.of(new float[BATCH * TOKENS], BATCH, TOKENS));
        Map<String, TensorValue> actual;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(probe.build().toByteArray())) {
            actual = ort.run(feed);
        }
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, String> e : shownBy.entrySet()) {
            TensorType shown = inference.outputType(NodePath.ROOT.child(e.getValue()), "Output");
            TensorValue value = actual.get(e.getKey());
            if (value == null || !shown.dimsKnown()) {
                continue;
            }
            compared++;
            long[] expected = value.shape();
            if (!matches(shown, expected)) {
                wrong.add(e.getValue() + " shows " + shown.shapeText() + ", ONNX Runtime gives " + Arrays.toString(expected));
            }
        }
        System.out.println("MiniLM: " + compared + " node shapes compared with ONNX Runtime, " + wrong.size() + " differ");
        wrong.forEach(w -> System.out.println("  " + w));
        // 114 since each attention (about 60 nodes with its Reshape targets' arithmetic) imports as one layer.
        assertThat(compared).isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    /**
     * Whether a per-example type is the ONNX shape: the batch axis first (integer shape
     * vectors, computed once for the batch, have none), a symbolic length being the token count.
     */
    private static boolean matches(TensorType shown, long[] onnx) {
        List<Dim> dims = shown.dims();
        int offset = onnx.length - dims.size();
        boolean batchless = offset == 0 && shown.kind() instanceof ElementKind.Integer;
        // A leading 1 broadcasts over the batch (position ids, the attention mask's extra axes).
        if (offset == 1 && onnx[0] != BATCH && onnx[0] != 1 || offset != 1 && !batchless) {
            return false;
        }
        for (int i = 0; i < dims.size(); i++) {
            Dim d = dims.get(i);
            long size = onnx[i + offset];
            if (d.isFixed() ? d.size() != size : size != TOKENS) {
                return false;
            }
        }
        return true;
    }
}
