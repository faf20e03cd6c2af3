package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;

/**
 * The zoo benchmark's sequence models in small (issue 17), exported by PyTorch 1.13 at opset 17 with
 * {@code onnx/export_fixtures.py}: a 2-layer LSTM text classifier, a bidirectional GRU tagger and a
 * batch-first nn.TransformerEncoder import with no opaque node, compute what ONNX Runtime computes
 * (imported and exported again), and fine-tune with every array changing — the U-Net too.
 */
class PytorchSequenceModelsTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PytorchSequenceModelsTest.class.getResourceAsStream("/onnx/" + name + ".onnx")) {
            return in.readAllBytes();
        }
    }

    /**
     * Each nn.MultiheadAttention, which PyTorch exports as a packed in-projection cut by Slices, Reshapes
     * and Transposes of computed shapes around the scaled dot products, and a Gemm out-projection, becomes
     * a Linear for each of query, key and value, the catalog Attention layer and a Linear.
     */
    @Test
    void transformerEncodersAttentionImportsAsLinearAttentionAndLinearLayers() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("transformer_encoder"), "transformer_encoder.onnx");

        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        assertThat(imported.report().notes()).anySatisfy(n -> assertThat(n).contains("2 nn.MultiheadAttentions")
                .contains("became Linear, Attention and Linear layers"));
        List<Layer> attention = layers(imported.document().net()).stream().filter(l -> l.typeName().equals("Attention")).toList();
        assertThat(attention).hasSize(2).allSatisfy(l -> {
            assertThat(l.params().getInt("heads")).isEqualTo(2);
            assertThat(l.params().getInt("keySize")).isEqualTo(8);
        });
        assertThat(layers(imported.document().net())).extracting(Layer::typeName).filteredOn("Linear"::equals).hasSize(2 * 6);
        assertThat(layers(imported.document().net())).extracting(Layer::typeName).filteredOn("LayerNorm"::equals).hasSize(2 * 2);
        // The packed [16, 48] projection's thirds, each a [16, 16] array of its own.
        assertThat(imported.weights().arrays().values()).filteredOn(a -> a.name().contains("query"))
                .extracting(WeightArray::shape).contains(new long[] {16, 16}, new long[] {16});
    }

    /**
     * Exported with every size fixed, the attention's Reshape targets are constants ([len, batch·heads, size]):
     * the heads come from the projection's width and the head size, and it imports and computes the same.
     */
    @Test
    void anAttentionExportedWithFixedSizesImportsTheSame() throws IOException {
        byte[] bytes = fixture("transformer_fixed");
        OnnxImport imported = OnnxImporter.read(bytes, "transformer_fixed.onnx");

        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        assertThat(layers(imported.document().net())).filteredOn(l -> l.typeName().equals("Attention"))
                .extracting(l -> l.params().getInt("heads")).containsExactly(2, 2);
        assertComputesAsOnnxRuntime("transformer_fixed", bytes, imported, 4);
    }

    /** An attention that departs from PyTorch's in one constant (here its scale) stays as it was, its nodes opaque with their reasons. */
    @Test
    void anAttentionThatIsNotExactlyPyTorchsStaysAsItIs() throws IOException {
        ModelProto model = ModelProto.parseFrom(fixture("transformer_encoder"));
        // The first attention scaled by 1/4 instead of 1/√8: no longer the attention the catalog layer computes.
        var graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            if (n.getName().equals("/layers.0/self_attn/Constant_14")) {
                var value = n.getAttribute(0).toBuilder();
                value.setT(value.getT().toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(
                        java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4f).array())));
                graph.setNode(i, n.toBuilder().setAttribute(0, value));
            }
        }
        byte[] changed = model.toBuilder().setGraph(graph).build().toByteArray();
        OnnxImport imported = OnnxImporter.read(changed, "changed.onnx");

        assertThat(layers(imported.document().net())).extracting(Layer::typeName).filteredOn("Attention"::equals).hasSize(1);
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).contains("Slice", "Reshape", "Transpose");
        assertComputesAsOnnxRuntime("changed", changed, imported, 3);
    }

    /** The imported net computes on random sequences (2 of 5 steps of 16, drawn from {@code seed}) what ONNX Runtime computes on the file. */
    private static void assertComputesAsOnnxRuntime(String what, byte[] file, OnnxImport imported, long seed) throws IOException {
        TensorValue x = TensorValue.of(OnnxRoundTripTest.random(2 * 5 * 16, seed), 2, 5, 16);
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(file);
             NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            OnnxConformanceTest.assertClose(what, runner.run(List.of(x)).get(0), ort.run(Map.of("x", x)).get("y"));
        }
    }

    /** The stacked LSTM's second layer reads the first's time-major output and a state cut from one zero state: no node stays. */
    @Test
    void stackedLstmClassifierImportsAsTwoLstmLayers() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("lstm_stacked"), "lstm_stacked.onnx");

        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        assertThat(layers(imported.document().net())).extracting(Layer::typeName)
                .containsExactly("Embedding", "LSTM", "LSTM", "SequenceLast", "Linear");
    }

    /**
     * Exported again to run (what NetRunner's ONNX Runtime route runs), the stacked LSTM classifier does no more than
     * PyTorch's file: one LSTM operator per layer, the first layer's time-major output read by the second as it
     * is (no Transpose there and back between them), and the last step read from the second layer's last state,
     * which then writes no sequence out (no Squeeze, Transpose and Gather over every step).
     */
    @Test
    void stackedLstmClassifierExportsNoMoreOperatorsThanPyTorchWrites() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("lstm_stacked"), "lstm_stacked.onnx");
        ModelProto exported = ModelProto.parseFrom(OnnxExporter.exportToRun(imported.document(), imported.weights()));

        Map<String, Long> ops = operators(exported);
        assertThat(ops).as(ops.toString()).containsOnlyKeys("Gather", "Transpose", "LSTM", "Squeeze", "Gemm", "Identity")
                .containsEntry("LSTM", 2L).containsEntry("Transpose", 1L).containsEntry("Squeeze", 2L).containsEntry("Gather", 1L);
        NodeProto second = exported.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("LSTM")).toList().get(1);
        assertThat(second.getOutput(0)).as("the second LSTM's whole sequence").isEmpty();
    }

    /**
     * The bidirectional GRU tagger, which NetStudio holds as a forward GRU and one reading the sequence reversed,
     * is exported to run as PyTorch writes it: one bidirectional GRU, its output turned batch-first and its two
     * directions joined by a Reshape, with no sequence reversed (Slice) and no Transpose and Squeeze per direction.
     */
    @Test
    void bidirectionalGruTaggerExportsToRunAsOneBidirectionalGru() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("bigru_tagger"), "bigru_tagger.onnx");
        ModelProto exported = ModelProto.parseFrom(OnnxExporter.exportToRun(imported.document(), imported.weights()));

        Map<String, Long> ops = operators(exported);
        assertThat(ops).as(ops.toString()).containsEntry("GRU", 1L).containsEntry("Transpose", 2L)
                .doesNotContainKeys("Slice", "Squeeze", "Concat");
        NodeProto gru = exported.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("GRU")).findFirst().orElseThrow();
        assertThat(gru.getAttributeList()).anySatisfy(a -> {
            assertThat(a.getName()).isEqualTo("direction");
            assertThat(a.getS().toStringUtf8()).isEqualTo("bidirectional");
        });
    }

    private static Map<String, Long> operators(ModelProto model) {
        return model.getGraph().getNodeList().stream()
                .collect(java.util.stream.Collectors.groupingBy(NodeProto::getOpType, java.util.stream.Collectors.counting()));
    }

    /**
     * In NetStudio's engine and exported again to ONNX Runtime, each computes what ONNX Runtime computes on PyTorch's file.
     * (At opset 14 the LayerNorms are written out, and a fresh layer's two norms share their arrays through Identity
     * nodes: they still fold into LayerNorm layers.)
     */
    @ParameterizedTest(name = "{0}, length {1}")
    @CsvSource({"transformer_encoder, 5", "transformer_encoder, 9", "transformer_opset14, 6", "lstm_stacked, 5", "lstm_stacked, 7",
        "bigru_tagger, 6"})
    void importedSequenceModelComputesWhatOnnxRuntimeComputes(String name, int length) throws IOException {
        byte[] bytes = fixture(name);
        OnnxImport imported = OnnxImporter.read(bytes, name + ".onnx");
        assertThat(imported.report().opaque()).isEmpty();
        PytorchFixturesTest.computesWhatOnnxRuntimeComputes(name, bytes, imported, input(name, 3, length));
    }

    /** Two steps of training change every array of each model: nothing is left out of the gradient. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"transformer_encoder", "lstm_stacked", "bigru_tagger", "small_unet"})
    void everyArrayOfAnImportedSequenceModelOrUNetLearns(String name) throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture(name), name + ".onnx");
        GradientReach reach = GradientReach.of(imported.document().net());
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.partial()).isEmpty();

        int length = 5;
        TensorValue x = input(name, 16, length);
        long[] output = switch (name) {
            case "lstm_stacked" -> new long[] {16, 3};
            case "bigru_tagger" -> new long[] {16, length, 4};
            case "transformer_encoder" -> new long[] {16, length, 16};
            default -> new long[] {16, 2, 14, 14};
        };
        ImportedFineTune.Outcome outcome = ImportedFineTune.run(imported, x, tokens(name) ? 20 : 0, output, 8, 0.01);

        assertThat(reach.learning()).hasSize(outcome.arrays());
        assertThat(outcome.unchanged()).as("arrays one epoch left as they were").isEmpty();
    }

    /** Token ids (as reals, how NetStudio holds them) for the text models, random reals for the others. */
    private static TensorValue input(String name, int batch, int length) {
        if (tokens(name)) {
            float[] ids = new float[batch * length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (i * 7 + i / 5) % 20;
            }
            return TensorValue.of(ids, batch, length);
        }
        return name.startsWith("transformer") ? TensorValue.of(OnnxRoundTripTest.random(batch * length * 16, 5), batch, length, 16)
                : TensorValue.of(OnnxRoundTripTest.random(batch * 14 * 14, 5), batch, 1, 14, 14);
    }

    private static boolean tokens(String name) {
        return name.equals("lstm_stacked") || name.equals("bigru_tagger");
    }

    /** Every layer of a net, inside graphs too. */
    private static List<Layer> layers(NetNode net) {
        if (net instanceof Layer l) {
            return List.of(l);
        }
        List<NetNode> children = net instanceof org.netstudio.netgraph.net.Chain c ? c.nodes()
                : net instanceof org.netstudio.netgraph.net.Graph g ? List.copyOf(g.nodes().values()) : List.of();
        return children.stream().flatMap(child -> layers(child).stream()).toList();
    }
}
