package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.TrainingOptions;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Nets exported from PyTorch 1.13 (test resources {@code onnx/*.onnx}, made by
 * {@code onnx/export_fixtures.py}) compute in NetStudio's engine what ONNX Runtime computes.
 */
class PytorchFixturesTest {

    private byte[] fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/onnx/" + name + ".onnx")) {
            return in.readAllBytes();
        }
    }

    /**
     * PyTorch's batch-first LSTM and GRU become the catalog's layers with the last step taken: the
     * axis swaps around ONNX's time-major operator and the zero initial state sized from the
     * input's shape leave no node behind.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm_last, LSTM, SequenceLast", "gru_last, GRU, SequenceLast", "lstm_state, LSTM, ", "rnn_last, RNN, SequenceLast"})
    void batchFirstRecurrentNetImportsAsCatalogLayersOnly(String name, String type, String last) throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture(name), name + ".onnx");
        assertThat(imported.report().opaque()).isEmpty();
        assertThat(imported.document().net()).isInstanceOf(org.netstudio.netgraph.net.Chain.class);
        assertThat(((org.netstudio.netgraph.net.Chain) imported.document().net()).nodes())
                .extracting(n -> n.typeName()).containsExactlyElementsOf(last == null ? List.of(type, "Linear")
                        : List.of(type, last, "Linear"));
    }

    /**
     * PyTorch's bidirectional LSTM, read at its last step ({@code out[:, -1, :]}), becomes one graph
     * of catalog layers — a forward LSTM, and an LSTM between two SequenceReverses, joined on the
     * last axis — followed by SequenceLast and the Linear: the axis swaps and the Reshape joining
     * the directions leave no node behind.
     */
    @Test
    void bidirectionalLstmImportsAsAGraphOfForwardAndReversedLayers() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("bilstm_last"), "bilstm_last.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        var chain = (org.netstudio.netgraph.net.Chain) imported.document().net();
        assertThat(chain.nodes()).extracting(n -> n.typeName()).containsExactly("Graph", "SequenceLast", "Linear");
        var block = (org.netstudio.netgraph.net.Graph) chain.nodes().get(0);
        assertThat(block.nodes().values()).extracting(n -> n.typeName())
                .containsExactlyInAnyOrder("LSTM", "SequenceReverse", "LSTM", "SequenceReverse", "Catenate");
        String name = chain.elements().get(0).name();
        assertThat(imported.weights().get(name + "/forward/inputWeights").orElseThrow().shape()).containsExactly(24, 4);
        assertThat(imported.weights().get(name + "/backward/inputWeights").orElseThrow().floats())
                .isNotEqualTo(imported.weights().get(name + "/forward/inputWeights").orElseThrow().floats());
    }

    /** Both final states of a bidirectional GRU, h_n[-2] and h_n[-1], come out of its graph as two ports. */
    @Test
    void bidirectionalGruStatesAreTheGraphsTwoStateOutputs() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("bigru_state"), "bigru_state.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        var net = (org.netstudio.netgraph.net.Graph) imported.document().net();
        assertThat(net.nodes().values()).extracting(n -> n.typeName()).containsExactly("Graph", "Catenate", "Linear");
        assertThat(net.nodes().values().iterator().next().outputNames()).containsExactly("forwardState", "backwardState");
    }

    /** A simple RNN with ReLU has no catalog layer (NetStudio's RNN is tanh): it stays an ONNX operator, and says why. */
    @Test
    void reluRnnStaysOpaqueWithTheReason() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("rnn_relu_last"), "rnn_relu_last.onnx");

        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).contains("RNN");
        assertThat(imported.report().opaque()).filteredOn(e -> e.opType().equals("RNN")).first()
                .extracting(ImportReport.Entry::reason).asString().contains("Relu").contains("Tanh");
    }

    /**
     * A PyTorch text classifier (nn.Embedding, a batch-first GRU's last state, Linear, softmax)
     * imports with no opaque node: the token ids become indices up to the table's 20 rows, the
     * Gather of the table the catalog Embedding holding PyTorch's table.
     */
    @Test
    void textClassifierImportsAsAnEmbeddingAndCatalogLayersOnly() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("text_gru"), "text_gru.onnx");
        assertThat(imported.report().opaque()).isEmpty();
        var chain = (org.netstudio.netgraph.net.Chain) imported.document().net();
        assertThat(chain.nodes()).extracting(n -> n.typeName()).containsExactly("Embedding", "GRU", "Linear", "Softmax");
        assertThat(chain.input().type().kind()).isEqualTo(org.netstudio.netgraph.tensor.ElementKind.index(20));
        assertThat(imported.weights().get("embedding_Gather/weights").orElseThrow().shape()).containsExactly(20, 8);
    }

    /** Token sequences of any length, in NetStudio's engine and exported back, give what ONNX Runtime gives. */
    @ParameterizedTest(name = "length {0}")
    @CsvSource({"5", "9", "1"})
    void textClassifierComputesWhatOnnxRuntimeComputes(int length) throws IOException {
        byte[] bytes = fixture("text_gru");
        OnnxImport imported = OnnxImporter.read(bytes, "text_gru.onnx");
        TensorValue ids = TensorValue.of(tokens(3 * length, 20, length), 3, length);
        TensorValue expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(Map.of("x", ids)).get("y");
        }
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            OnnxConformanceTest.assertClose("text_gru", runner.run(List.of(ids)).get(0), expected);
        }
        byte[] exported = OnnxExporter.export(imported.document(), imported.weights());
        OnnxImport again = OnnxImporter.read(exported, "text_gru exported.onnx");
        assertThat(again.report().opaque()).isEmpty();
        assertThat(((org.netstudio.netgraph.net.Chain) again.document().net()).nodes()).first()
                .extracting(n -> n.typeName()).isEqualTo("Embedding");
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(exported)) {
            OnnxConformanceTest.assertClose("text_gru exported", ort.run(Map.of("Input", ids)).values().iterator().next(), expected);
        }
    }

    /** Fine-tuning the imported text classifier on token sequences lowers the loss and changes its embedding table. */
    @Test
    void importedTextClassifierFineTunesItsEmbedding() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("text_gru"), "text_gru.onnx");
        int n = 48;
        int length = 6;
        float[] ids = tokens(n * length, 20, 5);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            // The class is told by the first token: something a GRU can learn in a few epochs.
            labels[i] = (int) ids[i * length] % 3;
        }
        MemoryDataset data = new MemoryDataset("tokens", ids, new Shape(length), Targets.Classes.numbered(labels, 3), null);
        TrainedNet trained = NetTrain.prepare(imported.document().net(), imported.weights(), data,
                TrainingOptions.builder().batchSize(16).learningRate(0.05).build()).run();
        var history = trained.result().history();
        assertThat(history.get(history.size() - 1).training().loss()).isLessThan(history.get(0).training().loss());
        assertThat(trained.weights().get("embedding_Gather/weights").orElseThrow().floats())
                .isNotEqualTo(imported.weights().get("embedding_Gather/weights").orElseThrow().floats());
    }

    /** Token ids 0 … vocabulary-1 from a fixed formula (no randomness). */
    private static float[] tokens(int count, int vocabulary, int seed) {
        float[] ids = new float[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (i * 7 + seed * 13 + i / 5) % vocabulary;
        }
        return ids;
    }

    /**
     * PyTorch 1.13 writes the MLP's nn.LayerNorm (opset 13) as nine operators and its nn.GELU as five; they import
     * as one LayerNorm and one GELU layer, so nothing in the net is opaque, every array gets its whole gradient,
     * and fine-tuning changes the first layer as well as the head.
     */
    @Test
    void writtenOutLayerNormAndGeluImportAsTheLayersAndTheWholeNetFineTunes() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("mlp"), "mlp.onnx");
        assertThat(imported.report().opaque()).isEmpty();
        assertThat(((org.netstudio.netgraph.net.Chain) imported.document().net()).nodes()).extracting(n -> n.typeName())
                .containsExactly("Linear", "GELU", "Linear", "Tanh", "LayerNorm", "Linear", "Softmax"); // Dropout: inference
        assertThat(imported.report().notes()).anySatisfy(n -> assertThat(n).contains("became LayerNorm layers"))
                .anySatisfy(n -> assertThat(n).contains("became GELU layers"));
        org.netstudio.engine.compile.GradientReach reach =
                org.netstudio.engine.compile.GradientReach.of(imported.document().net());
        assertThat(reach.walls()).isEmpty();
        assertThat(reach.partial()).isEmpty();
        assertThat(reach.describe()).isEmpty();

        int n = 64;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        MemoryDataset data = new MemoryDataset("random", OnnxRoundTripTest.random(n * 20, 3), new Shape(20),
                Targets.Classes.numbered(labels, 3), null);
        TrainedNet trained = NetTrain.prepare(imported.document().net(), imported.weights(), data,
                TrainingOptions.builder().batchSize(16).learningRate(0.01).build()).run();
        var history = trained.result().history();
        assertThat(history.get(history.size() - 1).training().loss()).isLessThan(history.get(0).training().loss());
        for (String array : List.of("net_net_0_Gemm/weights", "net_net_6_Gemm/weights")) {
            assertThat(trained.weights().get(array).orElseThrow().floats()).as(array)
                    .isNotEqualTo(imported.weights().get(array).orElseThrow().floats());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small_resnet, 196, 0, Convolution", "mlp, 20, 0, Linear", "lstm_last, 20, 0, LSTM", "gru_last, 20, 0, GRU",
        "lstm_state, 20, 0, LSTM", "bilstm_last, 20, 0, LSTM", "bigru_state, 20, 0, GRU", "rnn_last, 20, 0, RNN",
        "rnn_relu_last, 20, 1, SequenceLast", "small_unet, 196, 0, Convolution", "relu6_block, 192, 0, Convolution", "pools, 196, 0, Convolution", "constants, 196, 0, Convolution"})
    void importedNetComputesWhatOnnxRuntimeComputes(String name, int inputSize, int minOpaque, String firstLayer)
            throws IOException {
        byte[] bytes = fixture(name);
        OnnxImport imported = OnnxImporter.read(bytes, name + ".onnx");
        System.out.println(imported.report().text());
        assertThat(imported.report().entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .first().extracting(ImportReport.Entry::layerType).isEqualTo(firstLayer);
        assertThat(imported.report().opaque().size()).isGreaterThanOrEqualTo(minOpaque);

        long[] shape = name.equals("mlp") ? new long[] {3, 20}
                : name.contains("lstm") || name.contains("gru") || name.contains("rnn") ? new long[] {3, 5, 4}
                : name.equals("relu6_block") ? new long[] {3, 3, 8, 8}
                : new long[] {3, 1, 14, 14};
        TensorValue x = TensorValue.of(OnnxRoundTripTest.random(3 * inputSize, 11), shape);
        computesWhatOnnxRuntimeComputes(name, bytes, imported, x);
    }

    /**
     * The imported model computes on {@code x} what ONNX Runtime computes on the file (input "x",
     * output "y"), and so does its export by NetStudio, run in ONNX Runtime again.
     */
    static void computesWhatOnnxRuntimeComputes(String name, byte[] bytes, OnnxImport imported, TensorValue x)
            throws IOException {
        TensorValue expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(Map.of("x", x)).get("y");
        }
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            OnnxConformanceTest.assertClose(name, runner.run(List.of(x)).get(0), expected);
        }
        // Exported again, to be read or to be run (NetRunner's ONNX Runtime route), the imported net still computes
        // the same in ONNX Runtime.
        for (byte[] exported : List.of(OnnxExporter.export(imported.document(), imported.weights()),
                OnnxExporter.exportToRun(imported.document(), imported.weights()))) {
            try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(exported)) {
                // A net imported as a Chain has NetStudio's port names, Input and Output.
                String in = imported.document().net() instanceof org.netstudio.netgraph.net.Chain ? "Input" : "x";
                OnnxConformanceTest.assertClose(name + " exported", ort.run(Map.of(in, x)).values().iterator().next(), expected);
            }
        }
    }

    /**
     * MobileNet-v2's ReLU6 (ONNX {@code Clip} with bounds 0 and 6) and a one-sided {@code clamp} import as
     * Elementwise layers, not opaque operators: the net computes what ONNX Runtime computes and every one of
     * its convolutions is reached by the gradient, so fine-tuning changes the whole net, not only its head.
     */
    @Test
    void reluSixImportsAsALayerTheGradientPassesThrough() throws IOException {
        byte[] bytes = fixture("relu6_block");
        OnnxImport imported = OnnxImporter.read(bytes, "relu6_block.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        assertThat(imported.report().entries()).filteredOn(e -> e.opType().equals("Clip"))
                .extracting(ImportReport.Entry::layerType).containsExactly("Elementwise", "Elementwise", "Elementwise");
        org.netstudio.engine.compile.GradientReach reach =
                org.netstudio.engine.compile.GradientReach.of(imported.document().net());
        assertThat(reach.walls()).isEmpty();
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.learning()).hasSize(8);

        TensorValue x = TensorValue.of(OnnxRoundTripTest.random(3 * 3 * 8 * 8, 5), 3, 3, 8, 8);
        TensorValue expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(Map.of("x", x)).get("y");
        }
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            OnnxConformanceTest.assertClose("relu6_block", runner.run(List.of(x)).get(0), expected);
        }
    }

    /**
     * A U-Net's ways up — PyTorch's ConvTranspose2d and nn.Upsample, nearest and bilinear — import as
     * Deconvolution and Upsample layers, so the parameter count is known and every array is reached by the
     * gradient; {@link #importedNetComputesWhatOnnxRuntimeComputes} checks the numbers both ways.
     */
    @Test
    void aUNetsUpsamplingImportsAsCatalogLayers() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("small_unet"), "small_unet.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        assertThat(imported.report().entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .extracting(ImportReport.Entry::layerType).contains("Deconvolution", "Upsample", "Upsample");
        var summary = org.netstudio.netgraph.summary.NetSummary.of(imported.document().net());
        assertThat(summary.parameters().known()).isTrue();
        assertThat(summary.parameters().total()).isEqualTo(4 * 9 + 4 + 4 * 4 * 9 + 4 + 4 * 4 * 4 + 4 + 16 * 2 + 2);
        assertThat(org.netstudio.engine.compile.GradientReach.of(imported.document().net()).frozen()).isEmpty();
    }

    /**
     * ceil_mode max pooling (SqueezeNet, GoogLeNet) and an unpadded AvgPool2d, which PyTorch writes with
     * count_include_pad=1, import as Pooling layers, the first with {@code ceil}.
     */
    @Test
    void ceilModeAndCountedPaddingPoolsImportAsPoolingLayers() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("pools"), "pools.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        var chain = (org.netstudio.netgraph.net.Chain) imported.document().net();
        assertThat(chain.nodes()).filteredOn(n -> n.typeName().equals("Pooling"))
                .extracting(n -> ((org.netstudio.netgraph.net.Layer) n).params().get("ceil"))
                .containsExactly(true, false);
    }

    /**
     * ConvNeXt's layer scale (Mul by a [C, 1, 1] array) and a ViT's position table (Add of a [1, n, d] array)
     * import as ConstantTimes and ConstantPlus holding PyTorch's arrays, which the gradient reaches.
     */
    @Test
    void layerScaleAndPositionTableImportAsLearnableConstants() throws IOException {
        OnnxImport imported = OnnxImporter.read(fixture("constants"), "constants.onnx");

        assertThat(imported.report().opaque()).isEmpty();
        assertThat(imported.report().entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .extracting(ImportReport.Entry::layerType).contains("ConstantTimes", "ConstantPlus");
        assertThat(imported.weights().arrays().values()).filteredOn(a -> a.name().endsWith("/scaling"))
                .extracting(a -> a.shape()).containsExactly(new long[] {4, 1, 1});
        assertThat(imported.weights().arrays().values()).filteredOn(a -> a.name().endsWith("/biases") && a.shape().length == 2)
                .extracting(a -> a.shape()).containsExactly(new long[] {49, 4});
        assertThat(org.netstudio.engine.compile.GradientReach.of(imported.document().net()).frozen()).isEmpty();
    }
}
