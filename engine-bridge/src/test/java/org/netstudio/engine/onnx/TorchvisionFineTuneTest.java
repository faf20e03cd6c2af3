package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * torchvision classifiers as people bring them in: exported by Debian's python3-torch 1.13 with
 * python3-torchvision (random weights, nothing downloaded) at opset 17, imported, and fine-tuned. Every
 * node maps to a catalog layer (MobileNet-v2's ReLU6 among them) and one epoch changes every trainable
 * array, not only the head (issue 17: MobileNet-v2 used to change 2 of its 176). Skipped when torchvision
 * is not installed.
 */
class TorchvisionFineTuneTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mobilenet_v2", "squeezenet1_0"})
    void everyArrayOfAnImportedClassifierLearns(String model, @TempDir Path dir) throws Exception {
        Path onnx = export(model, dir);
        OnnxImport imported = OnnxImporter.read(onnx);
        assertThat(imported.report().opaque()).as(imported.report().text()).isEmpty();
        GradientReach reach = GradientReach.of(imported.document().net());
        assertThat(reach.frozen()).isEmpty();
        assertThat(reach.partial()).isEmpty();

        int n = 8;
        int size = 3 * 64 * 64;
        float[] images = new float[n * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) Math.sin(i * 0.37) * (1 + (i / size) % 2);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        MemoryDataset data = new MemoryDataset("stripes", images, new Shape(3, 64, 64),
                Targets.Classes.numbered(labels, 1000), null);
        TrainedNet trained = NetTrain.prepare(imported.document().net(), imported.weights(), data,
                TrainingOptions.builder().batchSize(4).maxEpochs(1).validationFraction(0).learningRate(0.001)
                        .build()).run();
        List<String> unchanged = imported.weights().arrays().values().stream()
                .filter(a -> reach.learning().contains(a.name()))
                .filter(a -> java.util.Arrays.equals(a.floats(), trained.weights().get(a.name()).map(WeightArray::floats)
                        .orElseThrow()))
                .map(WeightArray::name).toList();
        assertThat(reach.learning()).hasSizeGreaterThan(50);
        assertThat(unchanged).as("trainable arrays one epoch left as they were").isEmpty();
    }

    /** The model exported from torchvision, or the test skipped when Python, PyTorch or torchvision is missing. */
    private static Path export(String model, Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path out = dir.resolve(model + ".onnx");
        Path script = Files.writeString(dir.resolve("export.py"), String.join("\n",
                "import sys, warnings", "warnings.filterwarnings('ignore')",
                "import torch, torchvision",
                "torch.manual_seed(0)",
                "m = getattr(torchvision.models, sys.argv[1])(weights=None).eval()",
                "torch.onnx.export(m, torch.randn(1, 3, 64, 64), sys.argv[2], opset_version=17, input_names=['x'],",
                "                  output_names=['y'], dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}})", ""));
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), model, out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assumeTrue(!text.contains("No module named"), () -> "PyTorch or torchvision is not installed: " + text.strip());
        assertThat(p.exitValue()).as(text).isZero();
        return out;
    }
}
