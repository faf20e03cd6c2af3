package org.netstudio.engine.bench;

import static org.netstudio.engine.bench.ModelBenchArgs.SIZE;
import static org.netstudio.engine.bench.ModelBenchArgs.THREADS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;

/**
 * Issue 17's memory must-show: a torchvision model exported by Debian's PyTorch (ConvNeXt-tiny by
 * default, whose per-channel layer scale once leaked 1.7 GB of native memory a call), imported and
 * run N times on one batch through each of NetRunner's routes (DJL, one operator at a time as
 * training runs it; and the whole net in one ONNX Runtime session), printing the process's resident
 * memory after every tenth run, the heap collected first. Flat means the last readings stay within
 * a few percent of the readings after the first runs. Not a unit test; run with
 * {@code ./bench memory [runs batch models…]} (defaults 100, 8, convnext_tiny).
 */
public final class RepeatedRunMemoryBench {

    private RepeatedRunMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        ModelBenchArgs run = ModelBenchArgs.parse(args, 100, List.of("convnext_tiny"));
        int runs = run.rounds();
        int batch = run.batch();
        DjlSetup.beforeEngineLoads();
        Path folder = Files.createTempDirectory("memory");
        Process python = run.startZoo(folder, 1, THREADS);
        System.out.printf(Locale.ROOT, "batch %d, %d runs a route; resident memory (MB) after runs 1, 10, 20, …%n",
                batch, runs);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String model = line.replaceAll(".*\"model\":\\s*\"([^\"]+)\".*", "$1");
                measure(folder, model, batch, runs);
                python.getOutputStream().write('\n');
                python.getOutputStream().flush();
            }
        }
        if (python.waitFor() != 0) {
            System.out.println("PyTorch side failed (exit " + python.exitValue() + "); is python3-torchvision installed?");
        }
    }

    private static void measure(Path folder, String model, int batch, int runs) throws IOException {
        OnnxImport imported = OnnxImporter.read(Files.readAllBytes(folder.resolve(model + ".onnx")), model + ".onnx");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(model + ".input"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[b.remaining() / 4];
        b.asFloatBuffer().get(values);
        List<TensorValue> in = List.of(TensorValue.of(values, batch, 3, SIZE, SIZE));
        System.out.printf(Locale.ROOT, "%s: %d opaque nodes; before loading %d MB%n", model,
                imported.report().opaque().size(), residentMegabytes());
        for (String route : List.of("djl", "onnxruntime")) {
            if (route.equals("djl")) {
                System.setProperty(NetRunner.ROUTE_PROPERTY, "djl");
            }
            try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
                if (!route.equals("djl")) {
                    runner.run(in);
                    runner.run(in);
                    if (!runner.awaitOnnxRuntime(java.time.Duration.ofMinutes(5))) {
                        System.out.println("  (cannot take the ONNX Runtime route)");
                        continue;
                    }
                }
                StringBuilder readings = new StringBuilder();
                for (int i = 1; i <= runs; i++) {
                    runner.run(in);
                    if (i == 1 || i % 10 == 0) {
                        readings.append(readings.length() == 0 ? "" : " ").append(residentMegabytes());
                    }
                }
                System.out.printf(Locale.ROOT, "  %-12s %s%n", route, readings);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                System.clearProperty(NetRunner.ROUTE_PROPERTY);
            }
        }
    }

    /** The process's resident memory after collecting the heap, in MB (Linux). */
    private static long residentMegabytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
