package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * torchvision classifiers as people bring them in ({@link TorchvisionFineTune}): every node maps to a catalog
 * layer (MobileNet-v2's ReLU6, ShuffleNet's chunks and channel shuffles among them) and one epoch changes every
 * trainable array, not only the head (issue 17: MobileNet-v2 used to change 2 of its 176); the imported
 * ShuffleNet computes what ONNX Runtime computes from the file. EfficientNet-B0 learns in every array only with
 * batch-norm statistics of data, as trained models have them ({@link TorchvisionFineTune#export}). The larger models are checked by
 * {@code ./bench finetune-zoo}. Skipped when torchvision is not installed.
 */
class TorchvisionFineTuneTest {

    /** Each model is exported once for all the tests (an export takes seconds). */
    @TempDir
    static Path exports;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mobilenet_v2", "squeezenet1_0", "shufflenet_v2_x0_5", "efficientnet_b0"})
    void everyArrayOfAnImportedClassifierLearns(String model) throws Exception {
        OnnxImport imported = OnnxImporter.read(export(model));
        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        GradientReach reach = GradientReach.of(imported.document().net());
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.partial()).isEmpty();

        TorchvisionFineTune.Outcome outcome = TorchvisionFineTune.oneEpoch(imported);

        assertThat(outcome.learning()).hasSizeGreaterThan(50);
        assertThat(outcome.unchanged()).as("trainable arrays one epoch left as they were").isEmpty();
    }

    /**
     * ShuffleNet's chunks and channel shuffles (shape arithmetic, Slice, Reshape, Transpose) import as catalog
     * layers, and the imported net computes what ONNX Runtime computes from the file.
     */
    @Test
    void shuffleNetImportsWithoutOpaqueNodesAndMatchesOnnxRuntime() throws Exception {
        Path onnx = export("shufflenet_v2_x0_5");
        OnnxImport imported = OnnxImporter.read(onnx);
        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();

        int size = TorchvisionFineTune.SIZE;
        float[] images = new float[2 * 3 * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) Math.cos(i * 0.11);
        }
        TensorValue x = TensorValue.of(images, 2, 3, size, size);
        float[] ours;
        System.setProperty(NetRunner.ROUTE_PROPERTY, "djl");
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            ours = runner.run(List.of(x)).get(0).values();
        } finally {
            System.clearProperty(NetRunner.ROUTE_PROPERTY);
        }
        float[] theirs;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.open(onnx)) {
            theirs = ort.run(Map.of("x", x)).get("y").values();
        }
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < theirs.length; i++) {
            scale = Math.max(scale, Math.abs(theirs[i]));
            worst = Math.max(worst, Math.abs(theirs[i] - ours[i]));
        }
        assertThat(ours).hasSameSizeAs(theirs);
        assertThat(worst).as("largest difference from ONNX Runtime, of outputs up to %s", scale)
                .isLessThan(1e-4 * scale);
    }

    /** The model exported, or the test skipped when Python, PyTorch or torchvision is missing. */
    private static Path export(String model) throws Exception {
        Optional<Path> file = TorchvisionFineTune.export(model, exports);
        assumeTrue(file.isPresent(), "PyTorch or torchvision is not installed");
        return file.get();
    }
}
