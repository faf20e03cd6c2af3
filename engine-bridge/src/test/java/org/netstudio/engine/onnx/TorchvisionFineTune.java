package org.netstudio.engine.onnx;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.onnx.OnnxImport;

/**
 * A torchvision classifier as people bring it in, and fine-tuned: exported by Debian's python3-torch 1.13
 * with python3-torchvision (random weights, nothing downloaded) at opset 17 for 64×64 images (or another
 * size), then trained one epoch of two steps on eight striped images. Shared by {@link TorchvisionFineTuneTest},
 * {@code ./bench finetune-zoo} and {@code ./bench onnx-route}.
 */
public final class TorchvisionFineTune {

    /** The Python that has PyTorch and torchvision, when the machine has them. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Side of the square images the models are exported for and trained on. */
    public static final int SIZE = 64;

    /**
     * What one epoch did to the arrays gradients reach.
     *
     * @param learning  the arrays gradients reach, by name
     * @param unchanged those of them the epoch left exactly as they were
     */
    public record Outcome(List<String> learning, List<String> unchanged) {
    }

    private TorchvisionFineTune() {
    }

    /**
     * The model exported into {@code folder} (once: a second call finds the file), or empty with the reason
     * when Python, PyTorch or torchvision is missing.
     *
     * @throws IOException when the export itself fails, with Python's output
     */
    public static Optional<Path> export(String model, Path folder) throws IOException, InterruptedException {
        return export(model, SIZE, folder);
    }

    /**
     * The model exported for images of {@code size}×{@code size} into {@code folder}, as {@link #export(String, Path)}.
     *
     * @throws IOException when the export itself fails, with Python's output
     */
    public static Optional<Path> export(String model, int size, Path folder) throws IOException, InterruptedException {
        Path out = folder.resolve(model + "-" + size + ".onnx");
        if (Files.isRegularFile(out)) {
            return Optional.of(out);
        }
        if (!Files.isExecutable(PYTHON)) {
            return Optional.empty();
        }
        Path script = Files.writeString(folder.resolve("export-" + size + ".py"), String.join("\n",
                "import sys, warnings", "warnings.filterwarnings('ignore')",
                "import torch, torchvision",
                "torch.manual_seed(0)",
                "m = getattr(torchvision.models, sys.argv[1])(weights=None)",
                // Batch-norm statistics of the data, as a trained model has them: with the initial ones (mean 0,
                // variance 1) a random EfficientNet shrinks its signal to 1e-14 and its stem's gradients to 1e-13.
                "for b in m.modules():",
                "    if isinstance(b, torch.nn.modules.batchnorm._BatchNorm): b.momentum = None",
                "m.train()",
                "with torch.no_grad():",
                "    for _ in range(4): m(torch.randn(8, 3, " + size + ", " + size + "))",
                // PyTorch's default momentum again: the export writes it, and fine-tuning follows it.
                "for b in m.modules():",
                "    if isinstance(b, torch.nn.modules.batchnorm._BatchNorm): b.momentum = 0.1",
                "m.eval()",
                "torch.onnx.export(m, torch.randn(1, 3, " + size + ", " + size + "), sys.argv[2], opset_version=17,"
                        + " input_names=['x'],",
                "                  output_names=['y'], dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}})", ""));
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), model, out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("exporting " + model + " took more than 5 minutes");
        }
        if (text.contains("No module named")) {
            return Optional.empty();
        }
        if (p.exitValue() != 0) {
            throw new IOException("exporting " + model + " failed: " + text.strip());
        }
        return Optional.of(out);
    }

    /** Trains the imported classifier one epoch (two steps of four images, 2 classes of its 1000) and compares. */
    public static Outcome oneEpoch(OnnxImport imported) {
        GradientReach reach = GradientReach.of(imported.document().net());
        int n = 8;
        int size = 3 * SIZE * SIZE;
        float[] images = new float[n * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) Math.sin(i * 0.37) * (1 + (i / size) % 2);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        MemoryDataset data = new MemoryDataset("stripes", images, new Shape(3, SIZE, SIZE),
                Targets.Classes.numbered(labels, 1000), null);
        TrainedNet trained = NetTrain.prepare(imported.document().net(), imported.weights(), data,
                TrainingOptions.builder().batchSize(4).maxEpochs(1).validationFraction(0).learningRate(0.001)
                        .build()).run();
        List<String> unchanged = imported.weights().arrays().values().stream()
                .filter(a -> reach.learning().contains(a.name()))
                .filter(a -> Arrays.equals(a.floats(), trained.weights().get(a.name()).map(WeightArray::floats)
                        .orElseThrow()))
                .map(WeightArray::name).toList();
        return new Outcome(reach.learning(), unchanged);
    }
}
