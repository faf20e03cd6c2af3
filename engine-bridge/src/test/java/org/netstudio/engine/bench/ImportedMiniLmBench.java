package org.netstudio.engine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.text.PaddedBatch;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * all-MiniLM-L6-v2 two ways, side by side in one JVM: (1) whole, in ONNX Runtime ({@link
 * SentenceEncoder}, the baseline) and (2) imported into a NetStudio net by {@link OnnxImporter} and
 * run by {@link NetRunner} (catalog layers in DJL/PyTorch, opaque {@code OnnxOperator} nodes one by
 * one in ONNX Runtime), fed and pooled as the app's {@code SentenceEmbedder} does, which is the route
 * of the window's Try It panel and of a fine-tuned encoder. Also times reading the 91 MB model,
 * importing it, {@code NetRunner.load} and the first run (which opens the opaque nodes' sessions).
 * Not a unit test.
 *
 * <p>Each round embeds the same batch (default 32 sentences of 6 to 40 words, {@link
 * MiniLmBench#sentences}) through both routes, alternating which goes first with a pause before
 * each call (the opaque nodes' ONNX Runtime threads keep spinning after a run and would otherwise
 * slow whatever comes next), checks that every sentence's two embeddings agree (cosine at least
 * 1 − 1e-4; the run stops otherwise) and prints both speeds in sentences per second and their ratio
 * NetStudio engine / ONNX Runtime, with the system load average. The median of the per-round ratios
 * is the figure to quote.
 *
 * <p>A simple profile follows: the CPU time of each kind of thread during each route (from
 * {@code /proc}, so native pools count: {@link ProcessThreads}), what the opaque nodes' threads burn
 * in an idle second after a run, how many of them are runnable during a run, and MiniLM's Linear
 * products timed in PyTorch alone ({@link LinearProbe}) before and after the opaque sessions exist,
 * and single opaque nodes called as the engine calls them ({@link OpaqueNodeProbe}).
 *
 * <p>Run: {@code mvn -o -q -pl engine-bridge test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.netstudio.engine.bench.ImportedMiniLmBench [-Dexec.args="rounds sentences
 * pause [ort]"]} (defaults: 10 rounds, 32 sentences, 1000 ms pause; {@code ort}: only NetRunner's ONNX Runtime
 * route against ONNX Runtime on the file, {@code ./bench minilm 10 32 0 ort}). Where the {@code exec} prefix does not
 * resolve offline, name the plugin: {@code org.codehaus.mojo:exec-maven-plugin:3.5.0:java} in place of
 * {@code exec:java}. For a Java-side profile, run the class with {@code java} itself (exec:java runs in
 * Maven's JVM, whose flight recording came out empty): {@code mvn -o -q -pl engine-bridge
 * dependency:build-classpath -Dmdep.outputFile=cp.txt}, then from engine-bridge {@code
 * OPT_OUT_TRACKING=true DJL_OFFLINE=true java -XX:StartFlightRecording=filename=q.jfr,settings=profile
 * -cp target/test-classes:target/classes:$(cat cp.txt) org.netstudio.engine.bench.ImportedMiniLmBench}
 * and read {@code jfr print --stack-depth 300 --events jdk.NativeMethodSample q.jfr}.
 */
public final class ImportedMiniLmBench {

    private static final double AGREEMENT = 1 - 1e-4;
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private ImportedMiniLmBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = BenchArgs.integer(args, 0, 10);
        int count = BenchArgs.integer(args, 1, 32);
        long settle = BenchArgs.longInteger(args, 2, 1000);
        // "ort" as the fourth argument: only NetRunner's ONNX Runtime route against ONNX Runtime on the file.
        boolean onlyOnnxRuntime = args.length > 3 && args[3].equals("ort");
        DjlSetup.beforeEngineLoads();
        // "engine" below is DJL's route, one operator at a time; NetRunner's ONNX Runtime route is timed last.
        System.setProperty(NetRunner.ROUTE_PROPERTY, "djl");
        List<String> sentences = MiniLmBench.sentences(count);
        System.out.printf(Locale.ROOT, "%d processors, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage());

        long t = System.nanoTime();
        byte[] bytes = readModel();
        System.out.printf(Locale.ROOT, "read %s: %.1f MB in %.3f s%n", SentenceEncoder.MINILM_MODEL, bytes.length / 1e6,
                seconds(t));
        t = System.nanoTime();
        OnnxImport imported = OnnxImporter.read(bytes, SentenceEncoder.MINILM_MODEL);
        System.out.printf(Locale.ROOT, "OnnxImporter.read: %.3f s (cold JVM)%n", seconds(t));
        t = System.nanoTime();
        OnnxImporter.read(bytes, SentenceEncoder.MINILM_MODEL);
        System.out.printf(Locale.ROOT, "OnnxImporter.read again: %.3f s (warm)%n", seconds(t));
        describe(imported.report());

        if (onlyOnnxRuntime) {
            try (SentenceEncoder encoder = SentenceEncoder.miniLm()) {
                encoder.open();
                onnxRuntimeRoute(imported, encoder, sentences, rounds);
            }
            return;
        }
        try (SentenceEncoder encoder = SentenceEncoder.miniLm()) {
            t = System.nanoTime();
            encoder.open();
            System.out.printf(Locale.ROOT, "SentenceEncoder.open (ONNX Runtime session of the whole model): %.3f s%n",
                    seconds(t));
            t = System.nanoTime();
            try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
                System.out.printf(Locale.ROOT, "NetRunner.load (compile + weights into PyTorch): %.3f s%n", seconds(t));
                Route engine = new Route(runner, encoder.tokenizer(), null, null, -1);
                warmPyTorchPool();
                int tokens = sentences.stream().mapToInt(x -> encoder.tokenizer().encode(x).length()).max().orElse(0);
                LinearProbe probe = new LinearProbe(sentences.size() * tokens);
                System.out.printf(Locale.ROOT, "PyTorch doing MiniLM's 36 Linear products alone: %.3f s (before any opaque"
                        + " node's session exists)%n", probe.median());
                ProcessThreads beforeFirst = ProcessThreads.now();
                t = System.nanoTime();
                float[][] first = engine.embed(sentences);
                System.out.printf(Locale.ROOT, "first engine run (opens each opaque node's ONNX session): %.3f s%n",
                        seconds(t));
                ProcessThreads afterFirst = ProcessThreads.now();
                System.out.printf(Locale.ROOT, "threads: %d before the first engine run, %d after it (%d new)%n",
                        beforeFirst.count(), afterFirst.count(), afterFirst.newSince(beforeFirst));
                engine = new Route(runner, encoder.tokenizer(), beforeFirst, afterFirst, ProcessThreads.currentTid());
                t = System.nanoTime();
                float[][] baseline = encoder.embed(sentences);
                System.out.printf(Locale.ROOT, "first ONNX Runtime run: %.3f s%n", seconds(t));
                check(sentences, baseline, first);
                // One more warm-up of each, not counted.
                engine.embed(sentences);
                encoder.embed(sentences);
                measure(rounds, sentences, encoder, engine, settle);
                idle(sentences, engine);
                spinning(sentences, engine);
                engine.embed(sentences);
                System.out.printf(Locale.ROOT, "the same Linear products right after an engine run: %.3f s%n", probe.median());
                pause(settle);
                System.out.printf(Locale.ROOT, "and %d ms later: %.3f s%n", settle, probe.median());
                probe.close();
                OpaqueNodeProbe.run(imported.document().net(), sentences.size() * tokens);
            }
            onnxRuntimeRoute(imported, encoder, sentences, rounds);
        }
    }

    /** NetRunner's ONNX Runtime route (the imported net exported again as one session) against ONNX Runtime on the file. */
    private static void onnxRuntimeRoute(OnnxImport imported, SentenceEncoder encoder, List<String> sentences, int rounds)
            throws IOException {
        System.clearProperty(NetRunner.ROUTE_PROPERTY);
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            Route route = new Route(runner, encoder.tokenizer(), null, null, -1);
            route.embed(sentences);
            route.embed(sentences);
            if (!runner.awaitOnnxRuntime(java.time.Duration.ofMinutes(5))) {
                System.out.println("NetRunner's ONNX Runtime route: not taken");
                return;
            }
            route.embed(sentences);
            encoder.embed(sentences);
            List<Double> ratios = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            double loadBefore = OS.getSystemLoadAverage();
            for (int r = 0; r < rounds; r++) {
                // Alternating which goes first, so that neither always meets the caches and threads the other left.
                double a = 0;
                double b = 0;
                for (int k = 0; k < 2; k++) {
                    long t = System.nanoTime();
                    if ((r + k) % 2 == 0) {
                        route.embed(sentences);
                        a = sentences.size() / seconds(t);
                    } else {
                        encoder.embed(sentences);
                        b = sentences.size() / seconds(t);
                    }
                }
                ours.add(a);
                theirs.add(b);
                ratios.add(a / b);
            }
            // The fastest rounds: what each costs when the shared machine leaves it its cores.
            double best = java.util.Collections.max(ours) / java.util.Collections.max(theirs);
            System.out.printf(Locale.ROOT, "NetRunner's ONNX Runtime route (%s): median %.1f sentences/s, ONNX Runtime on"
                    + " the file %.1f sentences/s, median ratio %.3f, fastest rounds' ratio %.3f (%d rounds, alternating;"
                    + " load average %.2f → %.2f)%n", runner.route(), median(ours), median(theirs), median(ratios), best,
                    rounds, loadBefore, OS.getSystemLoadAverage());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static void measure(int rounds, List<String> sentences, SentenceEncoder encoder, Route engine, long settle) {
        int tokens = sentences.stream().mapToInt(s -> engine.tokenizer.encode(s).length()).max().orElse(0);
        System.out.printf(Locale.ROOT, "%d rounds of %d sentences (padded to %d tokens), alternating which goes first,"
                + " %d ms pause before each%n", rounds, sentences.size(), tokens, settle);
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        // CPU seconds by thread kind during each route's calls (native pools included), and their wall time.
        Map<String, Double> engineCpu = new TreeMap<>();
        Map<String, Double> ortCpu = new TreeMap<>();
        double engineWall = 0;
        double ortWall = 0;
        for (int round = 1; round <= rounds; round++) {
            double a = 0;
            double b = 0;
            float[][] mine = null;
            float[][] base = null;
            for (int k = 0; k < 2; k++) {
                // Lets the threads the other route left spinning go to sleep, so that neither pays for the other.
                pause(settle);
                ProcessThreads before = ProcessThreads.now();
                long t = System.nanoTime();
                if ((round + k) % 2 == 0) {
                    mine = engine.embed(sentences);
                    a = sentences.size() / seconds(t);
                    engineWall += seconds(t);
                    engine.cpuSince(before, engineCpu);
                } else {
                    base = encoder.embed(sentences);
                    b = sentences.size() / seconds(t);
                    ortWall += seconds(t);
                    engine.cpuSince(before, ortCpu);
                }
            }
            double worst = check(sentences, base, mine);
            double load = OS.getSystemLoadAverage();
            ours.add(a);
            theirs.add(b);
            ratios.add(a / b);
            loads.add(load);
            System.out.printf(Locale.ROOT, "round %2d: NetStudio engine %7.1f sentences/s, ONNX Runtime %7.1f sentences/s,"
                    + " ratio %.3f (lowest cosine %.7f, load %.2f)%n", round, a, b, a / b, worst, load);
        }
        System.out.printf(Locale.ROOT, "median:   NetStudio engine %7.1f sentences/s, ONNX Runtime %7.1f sentences/s,"
                + " median ratio engine/ONNX Runtime %.3f (load average %.2f to %.2f)%n", median(ours), median(theirs),
                median(ratios), loads.stream().mapToDouble(d -> d).min().orElse(0),
                loads.stream().mapToDouble(d -> d).max().orElse(0));
        double bestOurs = ours.stream().mapToDouble(d -> d).max().orElse(0);
        double bestTheirs = theirs.stream().mapToDouble(d -> d).max().orElse(0);
        System.out.printf(Locale.ROOT, "best:     NetStudio engine %7.1f sentences/s, ONNX Runtime %7.1f sentences/s,"
                + " ratio of bests %.3f%n", bestOurs, bestTheirs, bestOurs / bestTheirs);
        System.out.printf(Locale.ROOT, "CPU during the engine route (%.2f s wall in all): %s%n", engineWall,
                ProcessThreads.describe(engineCpu, 8));
        System.out.printf(Locale.ROOT, "CPU during the ONNX Runtime route (%.2f s wall in all): %s%n", ortWall,
                ProcessThreads.describe(ortCpu, 8));
    }

    /**
     * How many of the opaque nodes' ONNX Runtime threads are on a CPU or waiting for one (state R)
     * while the engine route runs, sampled from another thread: threads with nothing to do but spin.
     */
    private static void spinning(List<String> sentences, Route engine) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        long[] sum = new long[2];
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                sum[0] += ProcessThreads.runningAmong(engine.unborn(), engine.born());
                sum[1]++;
                pause(5);
            }
        }, "spin sampler");
        sampler.start();
        engine.embed(sentences);
        engine.embed(sentences);
        done.set(true);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf(Locale.ROOT, "opaque nodes' ONNX Runtime threads running or runnable during two engine runs:"
                + " %.1f on average of %d (%d samples)%n", sum[1] == 0 ? 0.0 : (double) sum[0] / sum[1],
                engine.born().newSince(engine.unborn()), sum[1]);
    }

    /** What the process burns in the second after an engine run, when nothing runs (threads still spinning). */
    private static void idle(List<String> sentences, Route engine) {
        engine.embed(sentences);
        ProcessThreads before = ProcessThreads.now();
        pause(1000);
        Map<String, Double> cpu = new TreeMap<>();
        engine.cpuSince(before, cpu);
        System.out.printf(Locale.ROOT, "CPU in the idle second after an engine run: %s%n",
                cpu.isEmpty() ? "none" : ProcessThreads.describe(cpu, 8));
    }

    /** Starts PyTorch's OpenMP workers with a product big enough to use them, so that later-born threads are ONNX Runtime's. */
    private static void warmPyTorchPool() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = m.ones(new ai.djl.ndarray.types.Shape(512, 512));
            x.matMul(x).sum().getFloat();
        }
    }

    /** The lowest cosine between the two routes' embeddings of a sentence; stops the run below the bound. */
    private static double check(List<String> sentences, float[][] baseline, float[][] engine) {
        double worst = 1;
        for (int i = 0; i < sentences.size(); i++) {
            double c = SentenceEncoder.cosine(baseline[i], engine[i]);
            if (!(c >= AGREEMENT)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the routes disagree on sentence %d (\"%s\"): cosine %.7f < %.7f", i, sentences.get(i), c, AGREEMENT));
            }
            worst = Math.min(worst, c);
        }
        return worst;
    }

    private static void describe(ImportReport report) {
        Map<String, Integer> opaque = new TreeMap<>();
        Map<String, Integer> mapped = new TreeMap<>();
        for (ImportReport.Entry e : report.entries()) {
            if (e.outcome() == ImportReport.Outcome.OPAQUE) {
                opaque.merge(e.opType(), 1, Integer::sum);
            } else if (e.outcome() == ImportReport.Outcome.MAPPED) {
                mapped.merge(e.opType() + "→" + e.layerType(), 1, Integer::sum);
            }
        }
        System.out.println(report.text().lines().findFirst().orElse(""));
        System.out.println("  mapped: " + mapped);
        System.out.println("  opaque (one ONNX Runtime session each): " + opaque);
    }

    private static byte[] readModel() throws IOException {
        try (InputStream in = ImportedMiniLmBench.class.getResourceAsStream(SentenceEncoder.MINILM_MODEL)) {
            if (in == null) {
                throw new IOException("the class path has no " + SentenceEncoder.MINILM_MODEL);
            }
            return in.readAllBytes();
        }
    }

    /** The imported net fed and pooled as the app's SentenceEmbedder does (ids as floats, one padded batch). */
    private record Route(NetRunner runner, SubwordTokenizer tokenizer, ProcessThreads unborn, ProcessThreads born, long caller) {

        float[][] embed(List<String> sentences) {
            PaddedBatch batch = PaddedBatch.of(sentences.stream().map(tokenizer::encode).toList(), tokenizer.padId());
            TensorValue hidden = runner.run(batch.feed(runner.inputNames())).values().iterator().next();
            return SentenceEncoder.pool(FloatBuffer.wrap(hidden.values()), batch.mask(), batch.size(), batch.length(),
                    (int) hidden.shape()[2]);
        }

        /** CPU by kind of thread since {@code before}; threads born in the first engine run are the opaque nodes' pools. */
        void cpuSince(ProcessThreads before, Map<String, Double> totals) {
            ProcessThreads.now().addSince(before, unborn, born, caller, "threads born in the first engine run", totals);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
