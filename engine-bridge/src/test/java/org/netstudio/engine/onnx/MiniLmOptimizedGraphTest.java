package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * NetRunner's ONNX Runtime route runs the imported MiniLM exported again ({@link OnnxExporter#exportToRun}); it is as fast as the file
 * only if ONNX Runtime optimises it at least as well. After its optimisations (fusing GELU with its bias,
 * LayerNormalization), the exported net holds the file's operators, fewer: each self-attention is ONNX
 * Runtime's one fused Attention operator and each residual LayerNorm also adds the Linear layer's bias and
 * the residual (SkipLayerNormalization), which ONNX Runtime does not fuse on the file by itself.
 */
class MiniLmOptimizedGraphTest {

    @TempDir
    Path dir;

    private Map<String, Integer> optimized(byte[] model, String name) throws Exception {
        Path out = dir.resolve(name);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizedModelFilePath(out.toString());
            try (OrtSession s = OnnxEnvironment.get().createSession(model, o)) {
                // Only for the optimised model it writes.
            }
        }
        Map<String, Integer> ops = new TreeMap<>();
        for (NodeProto n : ModelProto.parseFrom(Files.readAllBytes(out)).getGraph().getNodeList()) {
            ops.merge((n.getDomain().isEmpty() ? "" : n.getDomain() + ":") + n.getOpType(), 1, Integer::sum);
        }
        return ops;
    }

    @Test
    void onnxRuntimeOptimisesTheExportedNetIntoTheFilesOperators() throws Exception {
        byte[] file = MiniLmImportTest.miniLm();
        OnnxImport imported = OnnxImporter.read(file, "all-minilm-l6-v2.onnx");
        byte[] exported = OnnxExporter.exportToRun(imported.document(), imported.weights());

        Map<String, Integer> theirs = optimized(file, "file.onnx");
        Map<String, Integer> ours = optimized(exported, "exported.onnx");

        for (String op : new String[] {"com.microsoft:BiasGelu", "com.microsoft:FusedGemm"}) {
            assertThat(ours.get(op)).as(op + " in the exported net (file: %s, exported: %s)", theirs, ours)
                    .isEqualTo(theirs.get(op));
        }
        assertThat(ours.get("com.microsoft:BiasGelu")).isEqualTo(6);
        // Each block's self-attention is one fused operator: its query, key and value products (the file's 18
        // MatMuls and their bias Adds), its scaled products, mask, Softmax and mix, with no Transpose or Reshape.
        assertThat(ours.get("com.microsoft:Attention")).as("exported: %s", ours).isEqualTo(6);
        assertThat(ours.get("MatMul")).isEqualTo(theirs.get("MatMul") - 4 * 6);
        assertThat(ours).doesNotContainKeys("Transpose", "Reshape", "Softmax", "com.microsoft:FusedMatMul");
        // Each block's two residual LayerNorms take in the Linear layer's bias and the residual.
        assertThat(theirs.get("LayerNormalization")).isEqualTo(13);
        assertThat(ours.get("com.microsoft:SkipLayerNormalization")).isEqualTo(12);
        assertThat(ours.get("LayerNormalization")).isEqualTo(1);
        // Of the file's 50 Adds (biases, residuals, mask, embeddings) only the embeddings' two sums are left.
        assertThat(theirs.get("Add")).isEqualTo(50);
        assertThat(ours.get("Add")).isEqualTo(2);
    }

    /**
     * The pooler reads the first token, which the import holds as the last step of the sequence reversed: the
     * route's export reads it as the file does, by one Gather, not by a copy of every token's state reversed first.
     */
    @Test
    void thePoolerReadsTheFirstTokenWithoutReversingTheSequence() throws Exception {
        OnnxImport imported = OnnxImporter.read(MiniLmImportTest.miniLm(), "all-minilm-l6-v2.onnx");
        ModelProto exported = ModelProto.parseFrom(OnnxExporter.exportToRun(imported.document(), imported.weights()));

        assertThat(exported.getGraph().getNodeList()).filteredOn(n -> n.getOpType().equals("Slice"))
                .as("Slices with steps (a reversal)").allSatisfy(n -> assertThat(n.getInputCount()).isLessThan(5));
        assertThat(exported.getGraph().getNodeList()).filteredOn(n -> n.getOpType().equals("Gather"))
                .anySatisfy(n -> assertThat(n.getName()).contains("pooler"));
    }
}
