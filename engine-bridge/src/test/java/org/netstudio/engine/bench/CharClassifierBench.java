package org.netstudio.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.LabelledTexts;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.TextReaders;
import org.netstudio.engine.data.TextTables;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;

/**
 * The must-show comparison of issue 11: a character-level classifier of words of varying length
 * (words.csv: 10,000 words of five languages from Debian's word lists), trained by NetStudio from
 * the CSV (a Characters encoder whose alphabet is built from the training words; padded batches
 * with lengths) and by the same net written in PyTorch with packed sequences ({@code
 * src/test/python/char_classifier.py}), side by side: held-out accuracy and training examples per
 * second. Not a unit test.
 *
 * <p>Both sides: rows 0–3 of every five train, row 4 of every five is the test set; Embedding 16,
 * GRU 64 (last state of each word), Linear 5, softmax cross-entropy, Adam, the same epochs, batch
 * size, learning rate and seeds, one PyTorch thread each unless asked. Rounds alternate which side
 * goes first. Examples per second are counted in each side's training loop (NetStudio's
 * TrainingLoop batch loop; PyTorch's loop of shuffling, padding, packing, forward, backward and
 * update); beside them, the same by the CPU time of the whole training call (model creation
 * included on both sides), which other load on the machine disturbs far less than wall-clock time.
 *
 * <p>Run: {@code ./bench text [rounds epochs batch threads]} (defaults 5 rounds, 8 epochs, batch 32, 1 thread).
 */
public final class CharClassifierBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String DATA = "src/test/resources/org/netstudio/engine/data/words.csv";
    private static final double LEARNING_RATE = 0.005;

    private CharClassifierBench() {
    }

    /** One side's training: examples per second (wall clock, training loop; CPU time, whole call) and test accuracy. */
    record Run(double examplesPerSecond, double cpuExamplesPerSecond, double testAccuracy) {}

    public static void main(String[] args) throws IOException {
        int rounds = BenchArgs.integer(args, 0, 5);
        int epochs = BenchArgs.integer(args, 1, 8);
        int batch = BenchArgs.integer(args, 2, 32);
        int threads = BenchArgs.integer(args, 3, 1);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        DjlSetup.beforeEngineLoads();
        Path csv = data();
        LabelledTexts words = TextReaders.table(csv, "language", null);
        int[][] split = fifths(words.size());
        List<String> classes = words.classNames();
        Chain net = net(new Coder("Characters", Map.of()), classes.size());
        TextEncoder encoder = TextEncoders.fit(net.input().coder(), words.texts(split[0]), null);
        NetNode fitted = TextDatasets.withEncoder(net, "Input", encoder, false);
        ExampleTable training = TextTables.classification(words, split[0], encoder, classes, "words.csv (training)");
        ExampleTable test = TextTables.classification(words, split[1], encoder, classes, "words.csv (test)");
        System.out.printf(Locale.ROOT, "words.csv: %d training and %d test words, %d characters, %d languages; "
                        + "Embedding 16, GRU 64, Linear %d; %d epochs, batch %d, Adam %.3g, %d thread(s), %d rounds%n",
                training.size(), test.size(), encoder.size(), classes.size(), classes.size(), epochs, batch,
                LEARNING_RATE, threads, rounds);

        netStudio(fitted, training, test, 1, 1, batch); // warm-up: JIT, allocator, kernels
        Optional<PyTorchPeer> python = PyTorchPeer.start("char_classifier.py", List.of("--data", csv.toString(),
                "--epochs", Integer.toString(epochs), "--batch", Integer.toString(batch), "--learning-rate",
                Double.toString(LEARNING_RATE), "--threads", Integer.toString(threads)));
        try {
            python.ifPresent(p -> System.out.println("PyTorch from Python: " + p.banner() + " (" + PyTorchPeer.PYTHON
                    + ")"));
            List<Run> ours = new ArrayList<>();
            List<Run> theirs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long seed = round;
                Run a = null;
                Run b = null;
                for (int k = 0; k < 2; k++) {
                    if ((round + k) % 2 == 1) {
                        a = netStudio(fitted, training, test, seed, epochs, batch);
                    } else if (python.isPresent()) {
                        b = pyTorch(python.get(), seed);
                    }
                }
                ours.add(a);
                System.out.printf(Locale.ROOT, "round %d: NetStudio %6.0f examples/s (CPU %6.0f), test accuracy %.4f",
                        round, a.examplesPerSecond(), a.cpuExamplesPerSecond(), a.testAccuracy());
                if (b != null) {
                    theirs.add(b);
                    System.out.printf(Locale.ROOT, "; PyTorch %6.0f examples/s (CPU %6.0f), test accuracy %.4f",
                            b.examplesPerSecond(), b.cpuExamplesPerSecond(), b.testAccuracy());
                }
                System.out.println();
            }
            System.out.println();
            System.out.println("medians of " + rounds + " rounds       test accuracy   examples/s (loop)   examples/s (CPU time)"
                    + "   mean test accuracy");
            row("NetStudio, padded + lengths", ours);
            if (!theirs.isEmpty()) {
                row("PyTorch, packed sequences", theirs);
                System.out.printf(Locale.ROOT, "NetStudio − PyTorch: test accuracy %+.4f (median), %+.4f (mean);"
                                + " NetStudio / PyTorch speed ×%.2f (loop), ×%.2f (CPU time), medians%n",
                        median(ours, Run::testAccuracy) - median(theirs, Run::testAccuracy),
                        mean(ours, Run::testAccuracy) - mean(theirs, Run::testAccuracy),
                        median(ours, Run::examplesPerSecond) / median(theirs, Run::examplesPerSecond),
                        median(ours, Run::cpuExamplesPerSecond) / median(theirs, Run::cpuExamplesPerSecond));
            }
        } finally {
            python.ifPresent(PyTorchPeer::close);
        }
    }

    /** The classifier as a person draws it: its input's Characters encoder builds the alphabet from the data. */
    static Chain net(Coder encoder, int classes) {
        return Chain.of(PortDecls.encoder(encoder), Layer.of("Embedding", "size", 16),
                Layer.of("GRU", "units", 64, "returnSequences", false), Layer.of("Linear", "units", classes),
                Layer.of("Softmax"));
    }

    /** {training rows, test rows}: row 4 of every five is held out. */
    static int[][] fifths(int size) {
        int[] test = new int[size / 5];
        int[] train = new int[size - test.length];
        int t = 0;
        int r = 0;
        for (int i = 0; i < size; i++) {
            if (i % 5 == 4) {
                test[t++] = i;
            } else {
                train[r++] = i;
            }
        }
        return new int[][] {train, test};
    }

    private static Run netStudio(NetNode net, ExampleTable training, ExampleTable test, long seed, int epochs,
                                 int batch) {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(epochs).batchSize(batch).learningRate(LEARNING_RATE)
                .validationFraction(0).seed(seed).build();
        PreparedTraining training1 = NetTrain.prepare(net, null, training, null, DataMapping.AUTOMATIC, options);
        long cpu = THREADS.getCurrentThreadCpuTime();
        TrainedNet trained = training1.run();
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        if (trained.result().failed()) {
            throw new IllegalStateException(trained.result().message());
        }
        SequenceColumn words = (SequenceColumn) test.column(ExampleTable.FEATURES).orElseThrow();
        Targets.Classes truth = (Targets.Classes) ((TargetColumn) test.column(ExampleTable.TARGET).orElseThrow()).targets();
        List<int[]> sequences = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            sequences.add(words.indices(i));
        }
        int right = 0;
        ClassEncoder classes = new ClassEncoder(truth.classNames());
        try (NetRunner runner = trained.runner()) {
            List<List<TensorValue>> out = runner.predictSequences(sequences);
            for (int i = 0; i < out.size(); i++) {
                right += classes.topK(out.get(i).get(0).values(), 1).get(0).index() == truth.label(i) ? 1 : 0;
            }
        }
        double examples = (double) epochs * training.size();
        return new Run(trained.result().samplesPerSecond(), examples / cpuSeconds, (double) right / words.size());
    }

    private static Run pyTorch(PyTorchPeer python, long seed) {
        try {
            JsonNode r = new ObjectMapper().readTree(python.request(Long.toString(seed), "result "));
            return new Run(r.get("examplesPerSecond").asDouble(), r.get("cpuExamplesPerSecond").asDouble(),
                    r.get("testAccuracy").asDouble());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void row(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "%-30s %13.4f %19.0f %23.0f %20.4f%n", name, median(runs, Run::testAccuracy),
                median(runs, Run::examplesPerSecond), median(runs, Run::cpuExamplesPerSecond),
                mean(runs, Run::testAccuracy));
    }

    private static double mean(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Path data() {
        for (Path p : List.of(Path.of(DATA), Path.of("engine-bridge", DATA))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("words.csv is missing: " + DATA);
    }
}
