package org.netstudio.engine.bench;

import static org.netstudio.engine.bench.ModelBenchArgs.SIZE;
import static org.netstudio.engine.bench.ModelBenchArgs.THREADS;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.onnx.ImportedFineTune;
import org.netstudio.engine.onnx.OnnxEnvironment;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.text.PaddedBatch;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * A zoo of PyTorch models three ways, side by side: torchvision classifiers and four nets written as people
 * write them (an LSTM classifier and a bidirectional GRU tagger over token ids, a Transformer encoder over
 * 64 steps of 256 floats, a U-Net; see {@code torchvision_zoo.py}), exported by Debian's PyTorch (random weights) and
 * timed there in eager mode; the same ONNX file in ONNX Runtime (one session on the pool NetStudio's sessions share, a Java array in and out each call);
 * and imported into NetStudio and run by {@link NetRunner}, on both its routes: DJL (one operator at a
 * time, as training runs it) and the whole net exported again as one ONNX Runtime session (what its
 * calls use once that session is built). One batch (default 8 images of 224×224, or 8 sequences of 64
 * steps), 2 threads each.
 * Prints, per model, the opaque nodes left after import, the median time of a batch for each way,
 * NetStudio's speed as a ratio of ONNX Runtime's (the median of the rounds' ratios, and the ratio of the
 * fastest rounds) and PyTorch's (of the medians: PyTorch times in its own process) (above 1: NetStudio is
 * faster), and
 * the largest difference of NetStudio's and ONNX Runtime's outputs from PyTorch's, relative to
 * PyTorch's largest output, and how many of the imported model's arrays one step of training on made-up
 * targets changes. Not a unit test; run with {@code ./bench zoo [rounds batch models…]}.
 */
public final class ZooBench {

    private static final List<String> MODELS = List.of("resnet18", "mobilenet_v2", "squeezenet1_0",
            "shufflenet_v2_x0_5", "efficientnet_b0", "densenet121", "regnet_y_400mf", "convnext_tiny",
            "lstm_classifier", "bigru_tagger", "transformer_encoder", "unet");
    /** The text models' vocabulary, as torchvision_zoo.py makes their tables. */
    private static final int VOCABULARY = 10000;

    private ZooBench() {
    }

    public static void main(String[] args) throws Exception {
        ModelBenchArgs run = ModelBenchArgs.parse(args, 10, MODELS);
        int rounds = run.rounds();
        DjlSetup.beforeEngineLoads();
        Path folder = Files.createTempDirectory("zoo");
        Process python = run.startZoo(folder, rounds, THREADS);
        System.out.printf(Locale.ROOT, "batch %d (torchvision: images of %d×%d), %d threads each way, median of %d rounds;"
                + " load average: %s%n", run.batch(), SIZE, SIZE, THREADS, rounds, loadAverage());
        System.out.println("| model | opaque nodes | NetStudio DJL ms | NetStudio ONNX Runtime route ms | ONNX Runtime ms"
                + " | PyTorch ms | DJL / ORT | route / ORT | route / ORT, fastest rounds | route / PyTorch | NetStudio error | ORT error"
                + " | arrays changed by a step |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode row = json.readTree(line);
                long[] shape = new long[row.get("input").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = row.get("input").get(i).asLong();
                }
                long[] output = new long[row.get("shape").size()];
                for (int i = 0; i < output.length; i++) {
                    output[i] = row.get("shape").get(i).asLong();
                }
                compare(folder, row.get("model").asText(), row.get("seconds").asDouble(), shape, output,
                        row.get("integers").asBoolean(), rounds);
                // Only now does the PyTorch side go on to the next model: the two sides never time at once.
                python.getOutputStream().write('\n');
                python.getOutputStream().flush();
            }
        }
        if (python.waitFor() != 0) {
            System.out.println("PyTorch side failed (exit " + python.exitValue() + "); is python3-torchvision installed?");
        }
        System.out.println("load average: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One model: {@code shape} is its input's, token ids (int64 in the file and for ONNX Runtime) when {@code integers}. */
    private static void compare(Path folder, String model, double torchSeconds, long[] shape, long[] output, boolean integers,
            int rounds)
            throws IOException, OrtException {
        byte[] onnx = Files.readAllBytes(folder.resolve(model + ".onnx"));
        long[] ids = integers ? longs(folder.resolve(model + ".input")) : null;
        float[] input = integers ? PaddedBatch.floats(ids) : floats(folder.resolve(model + ".input"));
        float[] expected = floats(folder.resolve(model + ".output"));
        OnnxImport imported = OnnxImporter.read(onnx, model + ".onnx");
        long opaque = imported.report().entries().stream().filter(e -> e.outcome() == ImportReport.Outcome.OPAQUE).count();
        TensorValue x = TensorValue.of(input, shape);
        List<TensorValue> in = List.of(x);
        float[] ourOutput;
        float[] routeOutput;
        float[] ortOutput;
        double[][] times;
        OrtEnvironment env = OnnxEnvironment.get();
        // All three ways held at once and timed in turn, round by round: on a shared machine each round's
        // load falls on all three alike.
        System.setProperty(NetRunner.ROUTE_PROPERTY, "djl");
        NetRunner djlRunner = NetRunner.load(imported.document().net(), imported.weights());
        try (djlRunner;
             NetRunner runner = NetRunner.load(imported.document().net(), imported.weights());
             OrtSession.SessionOptions options = OnnxEnvironment.options(THREADS)) {
            ourOutput = djlRunner.run(in).get(0).values();
            djlRunner.run(in); // the second call settles the route: DJL, as asked
            System.clearProperty(NetRunner.ROUTE_PROPERTY);
            runner.run(in);
            runner.run(in);
            if (!runner.awaitOnnxRuntime(java.time.Duration.ofMinutes(5))) {
                System.out.println("(" + model + " cannot take the ONNX Runtime route)");
            }
            routeOutput = runner.run(in).get(0).values();
            try (OrtSession session = env.createSession(onnx, options);
                 OnnxTensor tensor = integers ? OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape)
                         : OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
                try (OrtSession.Result r = session.run(Map.of("x", tensor))) {
                    ortOutput = flatten((OnnxTensor) r.get(0));
                }
                // ONNX Runtime called as a program calls it on each new batch, as NetRunner is: the batch's Java
                // array into a tensor, the output back into one (a tensor made once and run again skips both copies).
                times = timings(rounds, () -> djlRunner.run(in), () -> runner.run(in), () -> {
                    try (OnnxTensor batchTensor = integers ? OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape)
                            : OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                         OrtSession.Result r = session.run(Map.of("x", batchTensor))) {
                        flatten((OnnxTensor) r.get(0));
                    }
                });
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        } finally {
            System.clearProperty(NetRunner.ROUTE_PROPERTY);
        }
        double djl = median(times[0]);
        double ours = median(times[1]);
        double theirs = median(times[2]);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f× | %.2f× | %.2f× | %.2f× | %.1e / %.1e | %.1e | %s |%n",
                model, opaque, djl * 1e3, ours * 1e3, theirs * 1e3, torchSeconds * 1e3, ratio(times[2], times[0]),
                ratio(times[2], times[1]), fastest(times[2]) / fastest(times[1]),
                torchSeconds / ours, error(ourOutput, expected), error(routeOutput, expected), error(ortOutput, expected),
                fineTune(imported, x, integers, output));
    }

    /** Two examples of the batch, one step of training on made-up targets: how many of the model's arrays it changed. */
    private static String fineTune(OnnxImport imported, TensorValue batch, boolean integers, long[] output) {
        long[] shape = batch.shape().clone();
        shape[0] = 2;
        long[] outputShape = output.clone();
        outputShape[0] = 2;
        int size = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
        TensorValue two = TensorValue.of(Arrays.copyOf(batch.values(), size), shape);
        int vocabulary = integers ? VOCABULARY : 0;
        try {
            ImportedFineTune.Outcome outcome = ImportedFineTune.run(imported, two, vocabulary, outputShape, 2, 1e-3);
            return outcome.changed() + " of " + outcome.arrays() + (outcome.unchanged().isEmpty() ? ""
                    : " (" + outcome.ended() + "; unchanged: " + String.join(", ", outcome.unchanged().subList(0,
                    Math.min(3, outcome.unchanged().size()))) + "…)");
        } catch (RuntimeException e) {
            return "not trained: " + e.getMessage();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /**
     * Each call's time in each round, the calls taking turns within each round (after one of each to warm up), each
     * taking each place in the round as often: none always runs right after another, whose threads may still spin
     * (libtorch's after DJL, ONNX Runtime's after a session).
     */
    private static double[][] timings(int rounds, Call... calls) {
        double[][] t = new double[calls.length][rounds];
        try {
            for (Call call : calls) {
                call.run();
            }
            for (int i = 0; i < rounds; i++) {
                for (int k = 0; k < calls.length; k++) {
                    int c = (k + i) % calls.length;
                    long start = System.nanoTime();
                    calls[c].run();
                    t[c][i] = (System.nanoTime() - start) / 1e9;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The fastest round: what a call costs when nothing else on the machine takes its cores. */
    private static double fastest(double[] t) {
        return Arrays.stream(t).min().orElseThrow();
    }

    /**
     * The median over the rounds of {@code a / b} within a round: two calls a moment apart meet the same load on a
     * shared machine, where the medians of each over all rounds may meet different ones.
     */
    private static double ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return median(r);
    }

    /** The largest difference, over the largest magnitude of the expected values. */
    private static double error(float[] actual, float[] expected) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, i < actual.length ? Math.abs(actual[i] - expected[i]) : Double.POSITIVE_INFINITY);
        }
        return actual.length == expected.length ? worst / Math.max(scale, 1e-30) : Double.POSITIVE_INFINITY;
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static long[] longs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long[] l = new long[b.remaining() / 8];
        b.asLongBuffer().get(l);
        return l;
    }

    private static float[] flatten(OnnxTensor value) {
        FloatBuffer b = value.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
