package org.netstudio.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.onnx.TorchvisionFineTune;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Every torchvision classifier of the zoo fine-tuned after import ({@link TorchvisionFineTune}: exported by
 * Debian's PyTorch for 64×64 images, one epoch of two steps): per model the opaque nodes left, the arrays
 * gradients reach and those that stop them, and how many of the reached arrays the epoch changed (issue 17:
 * all of them). The test covers the small models; this covers the zoo. Not a unit test; run with
 * {@code ./bench finetune-zoo [models…]}.
 */
public final class TorchvisionFineTuneBench {

    private static final List<String> MODELS = List.of("resnet18", "mobilenet_v2", "squeezenet1_0",
            "shufflenet_v2_x0_5", "efficientnet_b0", "densenet121", "regnet_y_400mf", "convnext_tiny");

    private TorchvisionFineTuneBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> models = args.length > 0 ? Arrays.asList(args) : MODELS;
        DjlSetup.beforeEngineLoads();
        Path folder = Files.createTempDirectory("finetune-zoo");
        System.out.println("| model | opaque nodes | arrays reached | arrays frozen or partly | changed by one epoch"
                + " | unchanged | seconds |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (String model : models) {
            Optional<Path> onnx = TorchvisionFineTune.export(model, folder);
            if (onnx.isEmpty()) {
                System.out.println("PyTorch or torchvision is not installed for " + TorchvisionFineTune.PYTHON);
                return;
            }
            OnnxImport imported = OnnxImporter.read(onnx.get());
            GradientReach reach = GradientReach.of(imported.document().net());
            long start = System.nanoTime();
            TorchvisionFineTune.Outcome outcome = TorchvisionFineTune.oneEpoch(imported);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %.1f |%n", model,
                    imported.report().opaque().size(), outcome.learning().size(),
                    reach.frozen().size() + reach.partial().size(),
                    outcome.learning().size() - outcome.unchanged().size(),
                    outcome.unchanged().isEmpty() ? "none" : outcome.unchanged().size() + ": "
                            + String.join(", ", outcome.unchanged().subList(0,
                                    Math.min(5, outcome.unchanged().size()))),
                    seconds);
        }
    }
}
