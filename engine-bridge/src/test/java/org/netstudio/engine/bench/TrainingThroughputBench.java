package org.netstudio.engine.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.train.TrainingLoops;
import org.netstudio.engine.train.TestNets;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;

/**
 * Trains the same small CNN ({@link TestNets#smallCnn}) on Fashion-MNIST (a) through {@link
 * org.netstudio.engine.train.TrainingLoop} and (b) through a minimal hand-written DJL loop (Trainer +
 * GradientCollector + {@code step()}, batches made with {@code manager.create(float[])}), side by
 * side in one JVM, and (c) in PyTorch from Python ({@link PyTorchPeer}: the same net, optimiser,
 * batch size, data and thread count, in a subprocess whose rounds interleave with the Java ones)
 * when Debian's python3-torch is installed; prints the samples per second of each training loop
 * and their ratios. Not a unit test.
 *
 * <p>Run: {@code mvn -o -q -pl engine-bridge test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.netstudio.engine.bench.TrainingThroughputBench [-Dexec.args="examples rounds
 * batch threads"]} (defaults: 4096 examples per round, 10 rounds, batch size 64, PyTorch's default
 * thread count).
 *
 * <p>Rounds rotate which loop goes first, and the median of the per-round ratios is the figure
 * to quote, since it resists other load on the machine. With one PyTorch thread all the work runs
 * on the calling thread, so its CPU time gives a second, load-independent ratio (whole call,
 * including model creation and initialisation, for both).
 */
public final class TrainingThroughputBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TrainingThroughputBench() {}

    /** Samples per second by wall clock (training loop alone) and by the calling thread's CPU time. */
    record Speed(double wall, double cpu) {}

    public static void main(String[] args) throws IOException {
        int examples = BenchArgs.integer(args, 0, 4096);
        int rounds = BenchArgs.integer(args, 1, 10);
        int batchSize = BenchArgs.integer(args, 2, 64);
        if (args.length > 3) {
            // Read by DJL when the engine loads, which has not happened yet.
            System.setProperty("ai.djl.pytorch.num_threads", args[3]);
        }
        // As the app's entry points do: no network, OpenMP workers that sleep while they wait.
        DjlSetup.beforeEngineLoads();
        MemoryDataset data = FashionMnist.DATASET.load().slice(0, examples);
        Engine engine = Engine.getInstance();
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        System.out.printf(Locale.ROOT, "PyTorch %s, %d intra-op thread(s), %d examples per round, batch %d, %d rounds%n",
                engine.getVersion(), threads, examples, batchSize, rounds);

        // Warm-up of all paths (JIT, allocator, kernels), not counted.
        MemoryDataset warmUp = data.slice(0, Math.min(examples, 2048));
        netStudio(warmUp, batchSize);
        handWritten(warmUp, batchSize);
        Optional<PyTorchPeer> python = PyTorchPeer.start(examples, batchSize, threads, FashionMnist.DATASET.locate());
        try {
            if (python.isPresent()) {
                System.out.println("PyTorch from Python: " + python.get().banner() + " (" + PyTorchPeer.PYTHON + ")");
                python.get().epoch(warmUp.size());
            }
            measure(data, rounds, batchSize, threads, python.orElse(null));
        } finally {
            python.ifPresent(PyTorchPeer::close);
        }
    }

    private static void measure(MemoryDataset data, int rounds, int batchSize, int threads, PyTorchPeer python)
            throws IOException {
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> torch = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> torchRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // Rotate which goes first, so that drift in machine load hits all alike.
            Speed a = null;
            Speed b = null;
            double c = Double.NaN;
            for (int k = 0; k < 3; k++) {
                switch ((round + k) % 3) {
                    case 0 -> a = netStudio(data, batchSize);
                    case 1 -> b = handWritten(data, batchSize);
                    default -> c = python == null ? Double.NaN : python.epoch(data.size());
                }
            }
            ours.add(a.wall());
            theirs.add(b.wall());
            ratios.add(a.wall() / b.wall());
            cpuRatios.add(a.cpu() / b.cpu());
            String pythonText = "";
            if (python != null) {
                torch.add(c);
                torchRatios.add(a.wall() / c);
                pythonText = String.format(Locale.ROOT, ", PyTorch from Python %6.0f samples/s, NetStudio/PyTorch %.3f",
                        c, a.wall() / c);
            }
            System.out.printf(Locale.ROOT, "round %2d: TrainingLoop %6.0f samples/s, hand-written DJL loop %6.0f"
                    + " samples/s, ratio %.3f (CPU-time ratio %.3f)%s%n", round, a.wall(), b.wall(), a.wall() / b.wall(),
                    a.cpu() / b.cpu(), pythonText);
        }
        System.out.printf(Locale.ROOT, "median:   TrainingLoop %6.0f samples/s, hand-written DJL loop %6.0f samples/s,"
                + " median ratio %.3f%n", median(ours), median(theirs), median(ratios));
        System.out.printf(Locale.ROOT, "best:     TrainingLoop %6.0f samples/s, hand-written DJL loop %6.0f samples/s,"
                + " ratio of bests %.3f%n", max(ours), max(theirs), max(ours) / max(theirs));
        if (python != null) {
            System.out.printf(Locale.ROOT, "PyTorch from Python: median %6.0f samples/s, best %6.0f samples/s;"
                    + " NetStudio/PyTorch median ratio %.3f, ratio of bests %.3f%n", median(torch), max(torch),
                    median(torchRatios), max(ours) / max(torch));
        }
        if (threads == 1) {
            System.out.printf(Locale.ROOT, "median CPU-time ratio (one thread, load-independent): %.3f%n",
                    median(cpuRatios));
        }
    }

    /** One epoch through TrainingLoop, no validation. */
    static Speed netStudio(MemoryDataset data, int batchSize) {
        TrainingOptions options = TrainingOptions.builder().batchSize(batchSize).maxEpochs(1).validationFraction(0)
                .seed(1).build();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (Model model = TrainingLoops.newModel("cnn", TestNets.smallCnn(10), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, data.featureShape(), data, options);
            if (result.failed()) {
                throw new IllegalStateException(result.message());
            }
            return new Speed(result.samplesPerSecond(), data.size() / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9));
        }
    }

    /** One epoch through the usual hand-written DJL loop, same net, optimiser, batches and shuffling. */
    static Speed handWritten(MemoryDataset data, int batchSize) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        int n = data.size();
        int length = data.featureLength();
        float[] all = new float[n * length];
        data.features().get(all);
        int[] labels = ((Targets.Classes) data.targets()).labels();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(1);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(TestNets.smallCnn(10));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                long start = System.nanoTime();
                for (int from = 0; from < n; from += batchSize) {
                    int count = Math.min(batchSize, n - from);
                    float[] x = new float[count * length];
                    float[] y = new float[count];
                    for (int i = 0; i < count; i++) {
                        System.arraycopy(all, order[from + i] * length, x, i * length, length);
                        y[i] = labels[order[from + i]];
                    }
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray features = batch.create(x, new Shape(count, 1, 28, 28));
                        NDArray targets = batch.create(y, new Shape(count));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray prediction = trainer.forward(new NDList(features)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(targets), new NDList(prediction));
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                }
                double wall = n / ((System.nanoTime() - start) / 1e9);
                return new Speed(wall, n / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
