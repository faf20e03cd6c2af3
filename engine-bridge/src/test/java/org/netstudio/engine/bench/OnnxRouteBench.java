package org.netstudio.engine.bench;

import static org.netstudio.engine.bench.ModelBenchArgs.SIZE;
import static org.netstudio.engine.bench.ModelBenchArgs.THREADS;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.onnx.OnnxEnvironment;
import org.netstudio.engine.onnx.TorchvisionFineTune;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Where {@link NetRunner}'s ONNX Runtime route stands against ONNX Runtime on the original file, and why: per
 * torchvision classifier (exported by Debian's PyTorch, 224×224), the operators the original file and
 * NetStudio's export of the imported net differ in, then three ways timed interleaved in this one JVM (so a
 * busy machine slows them alike): ONNX Runtime on the original file and on NetStudio's export, each with its
 * input tensor made once, and the route as callers use it ({@code NetRunner.run}, input and output copies
 * included). Prints first what a route call costs beyond ONNX Runtime's own run on a net that computes almost
 * nothing, then per model the medians, what the route costs beyond its session (input and output copies: route
 * minus export), the ratios (above 1: the route is faster) and the load average before and after each model.
 * Not a unit test; run with {@code ./bench onnx-route [rounds batch models…]}.
 */
public final class OnnxRouteBench {

    private static final List<String> MODELS = List.of("resnet18", "mobilenet_v2", "squeezenet1_0",
            "shufflenet_v2_x0_5", "efficientnet_b0", "densenet121", "regnet_y_400mf");

    private OnnxRouteBench() {
    }

    public static void main(String[] args) throws Exception {
        ModelBenchArgs run = ModelBenchArgs.parse(args, 20, MODELS);
        int rounds = run.rounds();
        int batch = run.batch();
        DjlSetup.beforeEngineLoads();
        Path folder = Files.createTempDirectory("onnx-route");
        System.out.printf(Locale.ROOT, "%d images of %d×%d a batch, %d threads, median of %d interleaved rounds%n",
                batch, SIZE, SIZE, THREADS, rounds);
        callCost(rounds * 10, batch);
        System.out.println("| model | ORT original ms | ORT NetStudio's export ms | route ms | route's own ms"
                + " | route / ORT original | export / original | load before → after |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        List<String> differences = new ArrayList<>();
        for (String model : run.models()) {
            Optional<Path> file = TorchvisionFineTune.export(model, SIZE, folder);
            if (file.isEmpty()) {
                System.out.println("PyTorch or torchvision is not installed for " + TorchvisionFineTune.PYTHON);
                return;
            }
            differences.add(model + ": " + compare(model, file.get(), rounds, batch));
        }
        System.out.println();
        System.out.println("Operators the export writes otherwise than the original (original → export):");
        differences.forEach(d -> System.out.println("- " + d));
    }

    /** Times the three ways and prints their row; gives how the two files' operators differ. */
    private static String compare(String model, Path file, int rounds, int batch) throws Exception {
        String loadBefore = load();
        byte[] original = Files.readAllBytes(file);
        OnnxImport imported = OnnxImporter.read(file);
        byte[] exported = OnnxExporter.exportToRun(new NetDocument(model, imported.document().net(), null),
                imported.weights());
        float[] x = new float[batch * 3 * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01);
        }
        long[] shape = {batch, 3, SIZE, SIZE};
        TensorValue images = TensorValue.of(x, shape);
        OrtEnvironment env = OnnxEnvironment.get();
        double[][] t = new double[3][rounds];
        try (OrtSession.SessionOptions options = OnnxEnvironment.options(THREADS)) {
            try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights());
                 OrtSession theirs = env.createSession(original, options);
                 OrtSession ours = env.createSession(exported, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
                runner.run(List.of(images));
                runner.run(List.of(images));
                if (!runner.awaitOnnxRuntime(Duration.ofMinutes(5))) {
                    return "cannot take the ONNX Runtime route";
                }
                List<Call> ways = List.of(() -> run(theirs, input), () -> run(ours, input),
                        () -> runner.run(List.of(images)));
                for (int r = -2; r < rounds; r++) {
                    // Each way takes each place in the round as often: none always runs right after another.
                    for (int k = 0; k < ways.size(); k++) {
                        int way = (k + Math.max(r, 0)) % ways.size();
                        double ms = time(ways.get(way));
                        if (r >= 0) {
                            t[way][r] = ms;
                        }
                    }
                }
            }
        }
        double orig = median(t[0]);
        double export = median(t[1]);
        double route = median(t[2]);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f× | %.2f× | %s → %s |%n", model, orig,
                export, route, route - export, orig / route, orig / export, loadBefore, load());
        return opDifferences(original, exported);
    }

    /**
     * What a route call costs beyond ONNX Runtime's own run, on a net that computes almost nothing (GlobalPooling
     * of the batch of images): the input and output copies and the runner's checks.
     */
    private static void callCost(int rounds, int batch) throws Exception {
        Chain net = Chain.of(PortDecl.of(TensorType.real(3, SIZE, SIZE)), Layer.of("GlobalPooling"));
        float[] x = new float[batch * 3 * SIZE * SIZE];
        long[] shape = {batch, 3, SIZE, SIZE};
        TensorValue images = TensorValue.of(x, shape);
        OrtEnvironment env = OnnxEnvironment.get();
        double[][] t = new double[2][rounds];
        try (NetRunner runner = NetRunner.untrained(net, 1);
             OrtSession.SessionOptions options = OnnxEnvironment.options(THREADS)) {
            byte[] model = OnnxExporter.export(new NetDocument("pool", net, null), runner.weights());
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
                runner.run(List.of(images));
                runner.run(List.of(images));
                runner.awaitOnnxRuntime(Duration.ofMinutes(1));
                for (int r = -10; r < rounds; r++) {
                    double a = time(() -> runner.run(List.of(images)));
                    double b = time(() -> run(session, input));
                    if (r >= 0) {
                        t[0][r] = a;
                        t[1][r] = b;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "A route call's own cost (a GlobalPooling net, %s): %.2f ms median (route %.2f, ONNX"
                + " Runtime with its input made once %.2f), load %s%n", Arrays.toString(shape), median(t[0]) - median(t[1]),
                median(t[0]), median(t[1]), load());
    }

    private static void run(OrtSession session, OnnxTensor input) throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            r.get(0);
        }
    }

    /** Operator kinds whose counts differ, Constant and Identity aside (folded or dropped by ONNX Runtime alike). */
    private static String opDifferences(byte[] original, byte[] exported) throws IOException {
        Map<String, Integer> a = ops(original);
        Map<String, Integer> b = ops(exported);
        TreeSet<String> kinds = new TreeSet<>(a.keySet());
        kinds.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : kinds) {
            int x = a.getOrDefault(k, 0);
            int y = b.getOrDefault(k, 0);
            if (x != y && !k.equals("Constant") && !k.equals("Identity")) {
                out.add(k + " " + x + " → " + y);
            }
        }
        return out.isEmpty() ? "the same operators" : String.join(", ", out);
    }

    private static Map<String, Integer> ops(byte[] model) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto n : ModelProto.parseFrom(model).getGraph().getNodeList()) {
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        return counts;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double time(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
