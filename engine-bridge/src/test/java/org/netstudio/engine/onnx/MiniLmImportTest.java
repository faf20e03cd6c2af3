package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Graph;

/** The all-MiniLM-L6-v2 sentence encoder (a BERT net of hundreds of ONNX nodes) imports and infers cleanly. */
class MiniLmImportTest {

    static byte[] miniLm() throws IOException {
        try (InputStream in = MiniLmImportTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertThat(in).as("all-minilm-l6-v2.onnx on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void importsWithoutOpaqueNodesAndInfersWithoutErrors() throws IOException {
        byte[] bytes = miniLm();
        long start = System.nanoTime();
        OnnxImport imported = OnnxImporter.read(bytes, "all-minilm-l6-v2.onnx");
        // Printed for the record, never asserted (timings are for benchmarks).
        System.out.printf("MiniLM import: %.0f ms (first, cold)%n", (System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        OnnxImporter.read(bytes, "all-minilm-l6-v2.onnx");
        System.out.printf("MiniLM import: %.0f ms (second)%n", (System.nanoTime() - start) / 1e6);
        ImportReport report = imported.report();
        System.out.println(report.text().lines().limit(1).toList());
        report.entries().stream().filter(e -> e.outcome() == ImportReport.Outcome.OPAQUE)
                .map(e -> e.opType() + ": " + e.reason()).distinct().sorted().forEach(System.out::println);
        assertThat(imported.document().net()).isInstanceOf(Graph.class);
        Graph g = (Graph) imported.document().net();
        assertThat(g.inputs()).containsKeys("input_ids", "attention_mask", "token_type_ids");
        // Each block's self-attention (Reshape, Transpose, MatMul, Div, the mask's Add, Softmax, MatMul, Transpose,
        // Reshape, with the Shape arithmetic of its Reshape targets) is one Attention layer, 12 heads of 32, its
        // keys masked by the model's attention_mask; the extended mask's arithmetic is gone with it.
        List<ImportReport.Entry> attentions = report.entries().stream().filter(e -> e.layerType().equals("Attention")).toList();
        assertThat(attentions).hasSize(6).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(ImportReport.Outcome.MAPPED));
        for (ImportReport.Entry e : attentions) {
            var layer = (org.netstudio.netgraph.net.Layer) g.nodes().get(e.node());
            assertThat(layer.params().getInt("heads")).isEqualTo(12);
            assertThat(layer.params().getInt("keySize")).isEqualTo(32);
            assertThat(g.edges()).contains(new org.netstudio.netgraph.net.Edge(
                    org.netstudio.netgraph.net.PortRef.graphPort("attention_mask"), org.netstudio.netgraph.net.PortRef.of(e.node(), "Mask1")));
        }
        assertThat(report.text()).contains("6 multi-head attentions written out in operators");
        // Nothing stays opaque: the position ids (Shape, Gather, Unsqueeze and Slice of the model's constant
        // position_ids 0…511) are a SequenceIndices layer of the token ids, and their lookup in the position table
        // an Embedding of 512 positions, added to the token embeddings.
        assertThat(report.opaque()).isEmpty();
        assertThat(report.text()).contains("1 computation of the positions 0 … n-1 of a sequence");
        ImportReport.Entry positions = report.entries().stream().filter(e -> e.layerType().equals("SequenceIndices"))
                .findFirst().orElseThrow();
        assertThat(((org.netstudio.netgraph.net.Layer) g.nodes().get(positions.node())).params().getInt("maxLength")).isEqualTo(512);
        assertThat(g.edges()).contains(new org.netstudio.netgraph.net.Edge(
                org.netstudio.netgraph.net.PortRef.graphPort("input_ids"), org.netstudio.netgraph.net.PortRef.of(positions.node(), "Input")));
        assertThat(report.entries()).filteredOn(e -> e.onnxName().equals("/embeddings/position_embeddings/Gather"))
                .singleElement().satisfies(e -> assertThat(e.layerType()).isEqualTo("Embedding"));
        // Its 13 LayerNorms (the embeddings' and two a block) and 6 GELUs, written out by PyTorch in operators,
        // are catalog layers that learn.
        assertThat(report.entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .extracting(ImportReport.Entry::layerType).filteredOn(t -> t.equals("LayerNorm")).hasSize(13);
        assertThat(report.entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .extracting(ImportReport.Entry::layerType).filteredOn(t -> t.equals("GELU")).hasSize(6);
        InferenceResult inference = ShapeInference.infer(g);
        List<Diagnostic> errors = inference.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        errors.stream().limit(10).forEach(System.out::println);
        assertThat(errors).isEmpty();
        // The embedding lookups (opaque Gather of a constant table by token ids) know their shape:
        // one 384-vector per token, the sequence length staying symbolic.
        for (String lookup : List.of("embeddings_word_embeddings_Gather", "embeddings_token_type_embeddings_Gather")) {
            var type = inference.outputType(org.netstudio.netgraph.net.NodePath.ROOT.child(lookup), "Output");
            assertThat(type.dims()).as(lookup).hasSize(2);
            assertThat(type.dims().get(0).isFixed()).as(lookup).isFalse();
            assertThat(type.dims().get(1)).as(lookup).isEqualTo(org.netstudio.netgraph.tensor.Dim.of(384));
        }
    }

    @Test
    void runsInTheEngineAndMatchesOnnxRuntime() throws IOException {
        byte[] bytes = miniLm();
        OnnxImport imported = OnnxImporter.read(bytes, "all-minilm-l6-v2.onnx");
        // "[CLS] hello world [SEP]" and a shorter sentence padded to its length, as token ids: the padded key
        // is hidden by the Attention layers' key mask, as by the model's extended mask.
        float[] ids = {101, 7592, 2088, 102, 101, 7592, 102, 0};
        float[] mask = {1, 1, 1, 1, 1, 1, 1, 0};
        float[] types = new float[8];
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        feed.put("input_ids", TensorValue.of(ids, 2, 4));
        feed.put("attention_mask", TensorValue.of(mask, 2, 4));
        feed.put("token_type_ids", TensorValue.of(types, 2, 4));
        Map<String, TensorValue> expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(feed);
        }
        Map<String, TensorValue> actual;
        Map<String, TensorValue> routed;
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            actual = runner.run(feed);
            runner.run(feed);
            // From the second call on, the whole imported net becomes one session.
            assertThat(runner.awaitOnnxRuntime(java.time.Duration.ofMinutes(2))).isTrue();
            routed = runner.run(feed);
            assertThat(runner.route()).isEqualTo(NetRunner.Route.ONNX_RUNTIME);
        } catch (InterruptedException ex) {
            throw new IOException(ex);
        }
        TensorValue e = expected.values().iterator().next();
        TensorValue a = actual.values().iterator().next();
        assertThat(a.shape()).containsExactly(e.shape());
        OnnxConformanceTest.assertClose("last_hidden_state", a, e);
        OnnxConformanceTest.assertClose("last_hidden_state on the ONNX Runtime route", routed.values().iterator().next(), e);
        // The pooler too, which reads the first token (the route's export, by one Gather, as the file).
        OnnxConformanceTest.assertClose("pooler output on the ONNX Runtime route", List.copyOf(routed.values()).get(1),
                List.copyOf(expected.values()).get(1));

        // Exported again, the imported net runs in ONNX Runtime with the same outputs.
        byte[] exported = org.netstudio.netgraph.io.onnx.OnnxExporter.export(imported.document(), imported.weights());
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(exported)) {
            OnnxConformanceTest.assertClose("exported last_hidden_state", ort.run(feed).values().iterator().next(), e);
        }
        // And imported again, its positions (exported as a CumSum of ones) are a SequenceIndices layer once more.
        ImportReport again = OnnxImporter.read(exported, "exported.onnx").report();
        assertThat(again.entries()).extracting(ImportReport.Entry::layerType).contains("SequenceIndices");
        assertThat(again.opaque()).extracting(ImportReport.Entry::opType).doesNotContain("CumSum", "ConstantOfShape", "Gather");
    }

    /**
     * With its attention, LayerNorms, GELUs and position embeddings mapped, the gradient reaches every array,
     * whole: all 22,713,216 parameters of the model (encoder and pooler) are trainable and learn.
     */
    @Test
    void everyArrayLearns() throws IOException {
        OnnxImport imported = OnnxImporter.read(miniLm(), "all-minilm-l6-v2.onnx");

        org.netstudio.engine.compile.GradientReach reach = org.netstudio.engine.compile.GradientReach.of(imported.document().net());

        assertThat(reach.describe()).isEmpty();
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.partial()).isEmpty();
        assertThat(reach.learning()).containsExactlyInAnyOrderElementsOf(imported.weights().arrays().keySet()).hasSize(103)
                .contains("embeddings_position_embeddings_Gather/weights", "encoder_layer_5_attention_self_query_MatMul/weights",
                        "embeddings_word_embeddings_Gather/weights", "pooler_dense_Gemm/weights");
        long parameters = imported.weights().arrays().values().stream().mapToLong(a -> a.size()).sum();
        assertThat(parameters).isEqualTo(22_713_216L);
        // The net's own count (the status bar's and the gallery card's) is the same, all of it trainable.
        var summary = org.netstudio.netgraph.summary.NetSummary.of(imported.document().net());
        assertThat(summary.trainable()).isEqualTo(summary.total()).isEqualTo(22_713_216L);
    }

    /** The imported model saves as a NetStudio file (its integer attention mask included) and reads back whole. */
    @Test
    void savesAsANsnetFileAndReadsBackTheSameNetAndWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        OnnxImport imported = OnnxImporter.read(miniLm(), "all-minilm-l6-v2.onnx");
        java.nio.file.Path file = dir.resolve("minilm.nsnet");

        org.netstudio.netgraph.files.NetFiles.write(file, imported.document(), imported.weights());

        var back = org.netstudio.netgraph.files.NetFiles.read(file);
        assertThat(back.document().net()).isEqualTo(imported.document().net());
        assertThat(back.weights().orElseThrow().arrays().keySet()).isEqualTo(imported.weights().arrays().keySet());
    }
}
