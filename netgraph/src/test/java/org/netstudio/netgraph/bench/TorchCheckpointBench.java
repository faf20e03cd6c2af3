package org.netstudio.netgraph.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.torch.TorchCheckpoint;

/**
 * How long {@link TorchCheckpoint} takes to read a PyTorch state_dict: torchvision's ResNet-18 as
 * {@code torch.save} writes it (made with /usr/bin/python3 and torchvision when no file is given),
 * read R times (default 10) after two warm-up reads; prints the median and the fastest.
 * Run: {@code ./bench checkpoint [FILE.pth] [R]}.
 */
public final class TorchCheckpointBench {

    private TorchCheckpointBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 && !args[0].matches("\\d+") ? Path.of(args[0]) : resnet18();
        int rounds = Integer.parseInt(args.length > 1 ? args[1] : args.length == 1 && args[0].matches("\\d+") ? args[0]
                : "10");
        Map<String, WeightArray> tensors = null;
        for (int i = 0; i < 2; i++) {
            tensors = TorchCheckpoint.read(file);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            tensors = TorchCheckpoint.read(file);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        long values = tensors.values().stream().mapToLong(a -> Arrays.stream(a.shape()).reduce(1, (x, y) -> x * y)).sum();
        System.out.printf("%s: %d tensors, %,d values, %.1f MB; read in %.1f ms (median of %d), fastest %.1f ms%n",
                file.getFileName(), tensors.size(), values, Files.size(file) / 1e6, nanos[rounds / 2] / 1e6, rounds,
                nanos[0] / 1e6);
    }

    private static Path resnet18() throws Exception {
        Path dir = Files.createTempDirectory("checkpoint-bench");
        Path file = dir.resolve("resnet18.pth");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, torchvision; torch.save("
                + "torchvision.models.resnet18().state_dict(), '" + file + "')").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("python3 with torch and torchvision could not write ResNet-18: " + out);
        }
        return file;
    }
}
