package org.netstudio.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Forward parity between NetStudio and an exported model.py: cases are exported with weights, run
 * through NetStudio's {@link NetRunner} on random inputs (varying lengths where the net takes
 * sequences, with random values in the padding), and then all run by one Python process
 * ({@code parity.py}), which reports per output the largest difference relative to the largest
 * magnitude NetStudio computed (padding positions excluded).
 */
final class TorchParity {

    /** The largest relative error a case may have: float32 all the way, so 1e-5 holds even for deep nets. */
    static final double TOLERANCE = 1e-5;

    /** The Python the tests run: Debian's, as CI installs python3-torch there. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Python said about one case: per output its relative error, or the failure. */
    record Outcome(Map<String, Double> errors, String failure) {
        double worst() {
            return errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private final Path root;
    private final Map<String, String> folders = new LinkedHashMap<>();
    private final Random random = new Random(7);

    TorchParity(Path root) {
        this.root = root;
    }

    /** The folder to export into: {@code -Dparity.dir=DIR} keeps the cases in DIR/&lt;test class&gt; for a look, else the test's own. */
    static Path folder(Path temporary, String testClass) throws IOException {
        String kept = System.getProperty("parity.dir");
        if (kept == null) {
            return temporary;
        }
        Path dir = Path.of(kept, testClass).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /** The cases of one test class, added to an export. */
    interface Cases {
        void addTo(TorchParity parity) throws Exception;
    }

    /** What PyTorch said about the cases of one test class, or why it could not run here. */
    record Results(Optional<String> missing, Map<String, Outcome> outcomes) {

        /** Asserts a case as {@link TorchParity#assertMatches} does; skipped when PyTorch cannot run here. */
        void assertMatches(String label) {
            assumeTorch(missing);
            TorchParity.assertMatches(outcomes, label);
        }
    }

    /**
     * The parity run of one test class, registered with {@code @RegisterExtension}: before the class's tests it
     * exports their cases into a temporary folder (or {@code -Dparity.dir}, see {@link #folder}) and runs them all
     * in one Python process, {@link #runAll}; each test then asks {@link #assertMatches} about its case.
     */
    static final class Run implements BeforeAllCallback, AfterAllCallback {
        private final Cases cases;
        private Path temporary;
        private Results results;

        Run(Cases cases) {
            this.cases = cases;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            temporary = Files.createTempDirectory("parity");
            results = runAll(temporary, context.getRequiredTestClass().getSimpleName(), cases);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            try (Stream<Path> paths = Files.walk(temporary)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        /** Asserts a case as {@link Results#assertMatches} does. */
        void assertMatches(String label) {
            results.assertMatches(label);
        }
    }

    /**
     * Exports a test class's cases and runs them all in one Python process (nothing runs when PyTorch
     * cannot run here).
     *
     * @param temporary the test's temporary folder (see {@link #folder})
     * @param testClass the test class's simple name
     */
    static Results runAll(Path temporary, String testClass, Cases cases) throws Exception {
        Optional<String> missing = torchMissing();
        if (missing.isPresent()) {
            return new Results(missing, Map.of());
        }
        TorchParity parity = new TorchParity(folder(temporary, testClass));
        cases.addTo(parity);
        return new Results(missing, parity.run());
    }

    /** Skips the calling test, saying why, when PyTorch cannot run here ({@code missing}, from {@link #torchMissing}). */
    static void assumeTorch(Optional<String> missing) {
        Assumptions.assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    }

    /** Why PyTorch cannot run here, or empty when {@code import torch} works. */
    static Optional<String> torchMissing() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(PYTHON + " -c 'import torch' did not finish");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(PYTHON + " cannot import torch (install python3-torch): " + out.strip());
        } catch (IOException e) {
            return Optional.of("no " + PYTHON + " to run PyTorch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Exports a case and computes NetStudio's outputs for it.
     *
     * @param label   the case's name in reports
     * @param doc     the net
     * @param weights its weights (every array)
     * @param batch   examples per batch
     * @param steps   the padded length of varying axes
     */
    void add(String label, NetDocument doc, Weights weights, int batch, int steps) throws IOException {
        if (folders.containsKey(label)) {
            throw new IllegalArgumentException("two cases are labelled " + label);
        }
        String folder = String.format("c%03d", folders.size());
        folders.put(label, folder);
        Path dir = root.resolve(folder);
        PyTorchModelWriter.write(doc, Optional.of(weights), dir);
        NetNode net = doc.net();
        InferenceResult inference = ShapeInference.infer(net);
        DjlSetup.beforeEngineLoads();
        try (NetRunner runner = NetRunner.load(net, weights); NDManager m = NDManager.newBaseManager()) {
            List<TensorType> types = runner.inputTypes();
            Map<String, long[]> lengths = new LinkedHashMap<>();
            List<WeightArray> inputs = new ArrayList<>();
            NDList in = new NDList();
            for (int i = 0; i < types.size(); i++) {
                TensorType t = types.get(i);
                String port = net.inputNames().get(i);
                long[] shape = new long[t.rank() + 1];
                shape[0] = batch;
                for (int d = 0; d < t.rank(); d++) {
                    Dim dim = t.dim(d);
                    shape[d + 1] = dim instanceof Dim.Fixed f ? f.size() : steps;
                    if (dim instanceof Dim.Symbolic s && !lengths.containsKey(s.name())) {
                        long[] l = new long[batch];
                        for (int b = 0; b < batch; b++) {
                            // the first example fills the batch, the others are shorter
                            l[b] = b == 0 ? steps : Math.max(1, steps - 2 * b - random.nextInt(2));
                        }
                        lengths.put(s.name(), l);
                        inputs.add(WeightArray.ofLongs(port + "_lengths", new long[] {batch}, l));
                    }
                }
                int count = 1;
                for (long s : shape) {
                    count *= (int) s;
                }
                if (t.kind() instanceof ElementKind.Index idx) {
                    long[] values = new long[count];
                    for (int k = 0; k < count; k++) {
                        values[k] = random.nextInt(Math.max(1, idx.size()));
                    }
                    inputs.add(WeightArray.ofLongs(port, shape, values));
                    in.add(m.create(values, new Shape(shape)));
                } else {
                    float[] values = new float[count];
                    for (int k = 0; k < count; k++) {
                        values[k] = random.nextFloat() * 2 - 1;
                    }
                    inputs.add(WeightArray.of(port, shape, values));
                    in.add(m.create(values, new Shape(shape)));
                }
            }
            List<String> varying = new ArrayList<>(lengths.keySet());
            if (!varying.isEmpty()) {
                for (String size : varying) {
                    in.add(m.create(lengths.get(size)));
                }
            }
            NDList out = runner.run(in);
            List<WeightArray> expected = new ArrayList<>();
            Map<String, Object> masks = new LinkedHashMap<>();
            for (int i = 0; i < out.size(); i++) {
                NDArray o = out.get(i).toType(DataType.FLOAT32, false);
                String port = net.outputNames().get(i);
                expected.add(WeightArray.of(port, o.getShape().getShape(), o.toFloatArray()));
                TensorType t = inference.outputType(NodePath.ROOT, port);
                for (int d = 0; t.rankKnown() && d < t.rank(); d++) {
                    if (t.dim(d) instanceof Dim.Symbolic s) {
                        masks.put(port, Map.of("lengths", lengthsInput(net, types, s.name()), "axis", d + 1));
                        break;
                    }
                }
            }
            Safetensors.write(Weights.of(inputs, Map.of()), dir.resolve("inputs.safetensors"));
            Safetensors.write(Weights.of(expected, Map.of()), dir.resolve("expected.safetensors"));
            Files.writeString(dir.resolve("case.json"), JSON.writeValueAsString(Map.of("label", label, "masks", masks)));
        }
    }

    /** The name of the lengths input that carries a varying size (the first input that has it). */
    private static String lengthsInput(NetNode net, List<TensorType> types, String size) {
        for (int i = 0; i < types.size(); i++) {
            TensorType t = types.get(i);
            for (int d = 0; t.rankKnown() && d < t.rank(); d++) {
                if (t.dim(d) instanceof Dim.Symbolic s && s.name().equals(size)) {
                    return net.inputNames().get(i) + "_lengths";
                }
            }
        }
        throw new IllegalArgumentException("no input carries " + size);
    }

    /**
     * Asserts that a case ran in PyTorch and computed NetStudio's outputs within {@link #TOLERANCE}
     * (skips a case that was not asked for, see {@code -Dparity.only}).
     */
    static void assertMatches(Map<String, Outcome> outcomes, String label) {
        Outcome o = outcomes.get(label);
        Assumptions.assumeTrue(o != null, "not asked for (parity.only)");
        Assertions.assertThat(o.failure()).as(label).isNull();
        System.out.printf("parity %-50s max relative error %.2e%n", label, o.worst());
        Assertions.assertThat(o.worst()).as("largest relative error of %s (%s)", label, o.errors()).isLessThan(TOLERANCE);
    }

    /**
     * Runs a Python script of this package's test resources on a folder and returns what it printed;
     * fails with Python's error output when it fails.
     */
    static String runScript(String resource, Path folder) throws IOException, InterruptedException {
        Path script = folder.resolve(resource);
        try (InputStream in = TorchParity.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        Path stderr = folder.resolve(resource + ".stderr.txt");
        Process p = new ProcessBuilder(PYTHON, script.toString(), folder.toString()).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assertions.assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(resource + " finished").isTrue();
        Assertions.assertThat(p.exitValue()).as(Files.readString(stderr)).isZero();
        return out;
    }

    /** Runs every case added in one Python process; the outcome per label. */
    Map<String, Outcome> run() throws IOException, InterruptedException {
        Path script = root.resolve("parity.py");
        try (InputStream in = TorchParity.class.getResourceAsStream("parity.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), root.toString())
                .redirectError(root.resolve("python-stderr.txt").toFile()).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("results.jsonl"), text);
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("parity.py did not finish");
        }
        Map<String, Map<String, Double>> errors = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || !line.startsWith("{")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            String folder = n.get("case").asText();
            if (n.has("failure")) {
                failures.put(folder, n.get("failure").asText());
            } else {
                Map<String, Double> e = new LinkedHashMap<>();
                n.get("errors").fields().forEachRemaining(f -> e.put(f.getKey(), f.getValue().asDouble()));
                errors.put(folder, e);
            }
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        String stderr = Files.readString(root.resolve("python-stderr.txt"));
        folders.forEach((label, folder) -> out.put(label, new Outcome(errors.getOrDefault(folder, Map.of()),
                errors.containsKey(folder) ? null : failures.getOrDefault(folder, "no result from Python: " + stderr))));
        return out;
    }

    /**
     * Weights for a net with every array drawn at random: the net's seeded initial values for
     * weight matrices and kernels (scaled to their fan-in, so deep nets stay in range), the other
     * arrays moved off their trivial defaults (biases and batch-norm shifts near 0, scales near 1,
     * moving variances in [0.5, 1.5)).
     */
    static Weights randomWeights(NetNode net, long seed) {
        DjlSetup.beforeEngineLoads();
        Random r = new Random(seed);
        List<WeightArray> arrays = new ArrayList<>();
        try (NetRunner runner = NetRunner.untrained(net, seed)) {
            for (WeightArray a : runner.weights().arrays().values()) {
                float[] v = a.floats();
                String name = a.name().substring(a.name().lastIndexOf('/') + 1);
                for (int i = 0; i < v.length; i++) {
                    float u = r.nextFloat() - 0.5f;
                    v[i] = switch (name) {
                        case "movingVar" -> 0.5f + r.nextFloat();
                        case "gamma" -> 1 + 0.2f * u;
                        case "beta", "movingMean", "biases", "inputBiases", "stateBiases" -> 0.2f * u;
                        default -> v[i];
                    };
                }
                arrays.add(WeightArray.of(a.name(), a.shape(), v));
            }
        }
        return Weights.of(arrays, Map.of());
    }
}
