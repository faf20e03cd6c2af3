package org.netstudio.engine.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.device.Devices;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.PredictedVsTrue;
import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.LossKind;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.NetEvaluator;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Runs a net with its weights, for the CLI's {@code predict} and the GUI: give it inputs as Java
 * float arrays (or DJL arrays), get its outputs back the same way. The net is compiled and its
 * weights are loaded once, into native memory this runner owns until {@link #close()}.
 *
 * <p><b>Tensors.</b> Inputs and outputs follow the net's port order ({@link #inputNames()},
 * {@link #outputNames()}). A batch has the batch as its first axis followed by the per-example
 * shape ({@code (batch, 1, 28, 28)}); {@link #predict(float[]...)} takes and returns single
 * examples without it. Index inputs (class or token indices) are passed as floats holding whole
 * numbers. Outputs are float32.
 *
 * <p><b>Threads.</b> Thread-safe: calls may come from any thread and are run one at a time. Each
 * call runs in inference mode (dropout off, batch-norm moving statistics) with autograd off, and
 * frees the native memory it used before returning, except that {@link #run(NDList)} leaves its
 * outputs with the caller. {@link #close()} waits for a running call, then frees the weights;
 * later calls throw {@link IllegalStateException}.
 *
 * <p><b>Routes.</b> {@link #run(List)} (and so {@link #predict}) computes with DJL, one operator at
 * a time. For a net on the CPU whose inputs have known sizes (fixed, or a named sequence length)
 * and that exports to ONNX, the second such call also starts building, in the background, one ONNX
 * Runtime session of the whole net ({@link Route#ONNX_RUNTIME}; a runner used once, as for a
 * decision boundary each epoch, never pays for it); later calls use it once it is ready and has
 * reproduced that second call's outputs, as fast as ONNX Runtime runs the net. The two routes
 * agree to float rounding (about 1e-6 of an output's size), not to the bit. Training,
 * {@link #probe}, {@link #evaluate} and {@link #predictSequences} (padded batches of several
 * lengths) keep to DJL. {@code -Dnetstudio.inference=djl} keeps every call on DJL.
 */
public final class NetRunner implements AutoCloseable {

    /** The system property that keeps every call on DJL when it is {@code djl}. */
    public static final String ROUTE_PROPERTY = "netstudio.inference";

    /** How a call is computed. */
    public enum Route {
        /** DJL's PyTorch engine, one operator at a time. */
        DJL,
        /** One ONNX Runtime session of the whole net. */
        ONNX_RUNTIME
    }

    /** Sequences per padded batch in {@link #predictSequences}. */
    private static final int SEQUENCE_BATCH = 256;

    /** Builds ONNX Runtime sessions off the caller's thread; daemon, so it never holds the program open. */
    private static final Executor SESSION_BUILDER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "netstudio-onnx-session");
        t.setDaemon(true);
        return t;
    });

    private final CompiledNet net;
    private final NDManager manager;
    private final Device device;
    private boolean closed;
    /** The whole-net ONNX Runtime session, once asked for: empty when this net cannot take that route. */
    private CompletableFuture<Optional<OnnxInference>> onnx;
    private int djlRuns;

    private NetRunner(CompiledNet net, NDManager manager) {
        this.net = net;
        this.manager = manager;
        this.device = manager.getDevice();
    }

    /**
     * A runner on the CPU.
     *
     * @param net     the net, valid
     * @param weights weights for every array of the net
     * @return the runner; close it when done
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     * @throws IllegalArgumentException when the weights do not fit the net, naming the arrays
     */
    public static NetRunner load(NetNode net, Weights weights) {
        return load(net, weights, DeviceSpec.CPU);
    }

    /**
     * A runner on a device.
     *
     * @param net     the net, valid
     * @param weights weights for every array of the net
     * @param device  where to run
     * @return the runner; close it when done
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     * @throws IllegalArgumentException when the weights do not fit the net, naming the arrays
     * @throws org.netstudio.engine.device.DeviceUnavailableException when the device does not exist
     */
    public static NetRunner load(NetNode net, Weights weights, DeviceSpec device) {
        Objects.requireNonNull(weights, "weights");
        CompiledNet compiled = NetCompiler.compile(net);
        NDManager manager = NDManager.newBaseManager(Devices.system().resolve(device));
        try (Autograd off = Autograd.off()) {
            NetWeights.load(compiled, weights, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new NetRunner(compiled, manager);
    }

    /**
     * A runner for a net file: a {@code .nsnet} file, or a {@code .json} file with its weights
     * beside it ({@code lenet.json} with {@code lenet.safetensors}).
     *
     * @param file the file
     * @return the runner on the CPU; close it when done
     * @throws IOException when the file cannot be read, or holds no weights
     */
    public static NetRunner open(Path file) throws IOException {
        LoadedNet loaded = NetFiles.read(file);
        Weights weights = loaded.weights().orElseThrow(() -> new IOException(file + " holds a net without weights; "
                + "train it first (or save it as .nsnet after training)"));
        return load(loaded.document().net(), weights);
    }

    /**
     * A runner with the net's seeded initial values instead of trained weights (e.g. to try a
     * design out).
     *
     * @param net  the net; its declared input types must fix every array's shape
     * @param seed the seed of the initial values
     * @return the runner on the CPU; close it when done
     * @throws IllegalStateException when an array's size depends on an undeclared input size
     */
    public static NetRunner untrained(NetNode net, long seed) {
        CompiledNet compiled = NetCompiler.compile(net, seed);
        NDManager manager = NDManager.newBaseManager(Devices.system().resolve(DeviceSpec.CPU));
        try (Autograd off = Autograd.off()) {
            compiled.initializeParameters(manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new NetRunner(compiled, manager);
    }

    /** The net's input names, in the order inputs are given. */
    public List<String> inputNames() {
        return net.inputNames();
    }

    /** The net's output names, in the order outputs are returned. */
    public List<String> outputNames() {
        return net.outputNames();
    }

    /** The per-example type of each input, as inferred from the net's declarations. */
    public List<TensorType> inputTypes() {
        return net.inputTypes();
    }

    /** The per-example type of each output, as inferred from the net's declarations. */
    public List<TensorType> outputTypes() {
        return net.outputTypes();
    }

    /** The current weights (a copy in Java memory). */
    public synchronized Weights weights() {
        checkOpen();
        return NetWeights.read(net);
    }

    /**
     * Runs one example through a net, without a batch axis.
     *
     * @param inputs one example per net input, each holding the input's per-example values
     *               row-major; the input's declared shape gives their shape, or (when it declares
     *               none) a vector
     * @return one output per net output, without a batch axis
     * @throws IllegalArgumentException when an input does not fit its port
     */
    public List<TensorValue> predict(float[]... inputs) {
        List<TensorValue> batch = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            batch.add(example(i, inputs[i]));
        }
        List<TensorValue> out = run(batch);
        List<TensorValue> examples = new ArrayList<>(out.size());
        for (TensorValue t : out) {
            long[] s = t.shape();
            examples.add(t.reshaped(java.util.Arrays.copyOfRange(s, 1, s.length)));
        }
        return examples;
    }

    /**
     * One example for a net input as a batch of one, shaped as {@link #predict(float[]...)} shapes it.
     *
     * @param input  the input's index
     * @param values the example's values, row-major
     * @return {@code (1, per-example shape…)}
     * @throws IllegalArgumentException when the net has no such input
     */
    public TensorValue example(int input, float[] values) {
        return TensorValue.of(values, exampleShape(input, values.length));
    }

    /** {@code (1, per-example shape…)} for an input of {@code length} values. */
    private long[] exampleShape(int input, int length) {
        if (input >= net.inputTypes().size()) {
            throw new IllegalArgumentException("The net takes " + net.inputTypes().size() + " input(s) "
                    + net.inputNames() + ", but got more");
        }
        TensorType t = net.inputTypes().get(input);
        if (t.rankKnown() && t.dims().stream().filter(d -> !d.isFixed()).count() <= 1) {
            // At most one size is open (a sequence length): the number of values gives it.
            long fixed = 1;
            for (int d = 0; d < t.rank(); d++) {
                fixed *= t.dim(d).isFixed() ? t.dim(d).size() : 1;
            }
            long[] shape = new long[t.rank() + 1];
            shape[0] = 1;
            for (int d = 0; d < t.rank(); d++) {
                shape[d + 1] = t.dim(d).isFixed() ? t.dim(d).size() : (fixed == 0 ? 0 : length / fixed);
            }
            return shape;
        }
        return new long[] {1, length};
    }

    /**
     * Runs index sequences of varying length (e.g. texts encoded by the net's text encoder)
     * through a net whose one input takes them. They run in padded batches that carry each
     * example's length, so that padding changes no result.
     *
     * @param sequences one sequence of indices per example, each at least one long and within the input's range
     * @return per example, one value per net output without a batch axis; an output that is a
     *     sequence as long as the input (one prediction per element) is cut to the example's length
     * @throws IllegalArgumentException when the net does not take one sequence of indices, or an
     *     index is out of its range
     */
    public synchronized List<List<TensorValue>> predictSequences(List<int[]> sequences) {
        checkOpen();
        TensorType in = net.inputTypes().get(0);
        if (net.inputNames().size() != 1 || !(in.kind() instanceof ElementKind.Index idx) || !in.rankKnown()
                || in.rank() != 1 || in.dim(0).isFixed()) {
            throw new IllegalArgumentException("The net takes " + net.inputTypes().size() + " input(s) "
                    + net.inputNames() + " of " + in.describe() + ", not one sequence of indices of varying length");
        }
        int range = idx.rangeKnown() ? idx.size() : Integer.MAX_VALUE;
        List<Boolean> perElement = new ArrayList<>();
        for (TensorType t : net.outputTypes()) {
            perElement.add(t.rankKnown() && t.rank() >= 1 && t.dim(0).equals(in.dim(0)));
        }
        List<List<TensorValue>> results = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += SEQUENCE_BATCH) {
            List<int[]> batch = sequences.subList(from, Math.min(sequences.size(), from + SEQUENCE_BATCH));
            int longest = 1;
            for (int[] s : batch) {
                longest = Math.max(longest, s.length);
            }
            long[] ids = new long[batch.size() * longest];
            long[] lengths = new long[batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                int[] s = batch.get(b);
                if (s.length == 0) {
                    throw new IllegalArgumentException("Example " + (from + b) + " is an empty sequence");
                }
                for (int j = 0; j < s.length; j++) {
                    if (s[j] < 0 || s[j] >= range) {
                        throw new IllegalArgumentException("Example " + (from + b) + " holds index " + s[j]
                                + " at position " + j + ", outside the input's range 0 to " + (range - 1));
                    }
                    ids[b * longest + j] = s[j];
                }
                lengths[b] = s.length;
            }
            try (NDManager scope = manager.newSubManager(); Autograd off = Autograd.off()) {
                NDList batchIn = new NDList(scope.create(ids, new Shape(batch.size(), longest)),
                        scope.create(lengths));
                NDList out = net.forward(new ParameterStore(scope, false), batchIn, false);
                List<float[]> values = new ArrayList<>();
                List<long[]> shapes = new ArrayList<>();
                for (NDArray o : out) {
                    NDArray f = o.getDataType() == DataType.FLOAT32 ? o : o.toType(DataType.FLOAT32, false);
                    values.add(f.toFloatArray());
                    shapes.add(f.getShape().getShape());
                }
                for (int b = 0; b < batch.size(); b++) {
                    List<TensorValue> example = new ArrayList<>(out.size());
                    for (int k = 0; k < values.size(); k++) {
                        long[] shape = shapes.get(k);
                        long[] one = java.util.Arrays.copyOfRange(shape, 1, shape.length);
                        int per = (int) (values.get(k).length / shape[0]);
                        float[] v = java.util.Arrays.copyOfRange(values.get(k), b * per, (b + 1) * per);
                        if (perElement.get(k) && one.length >= 1 && one[0] > lengths[b]) {
                            int row = (int) (per / one[0]);
                            one[0] = lengths[b];
                            v = java.util.Arrays.copyOf(v, (int) (row * lengths[b]));
                        }
                        example.add(TensorValue.of(v, one));
                    }
                    results.add(example);
                }
            }
        }
        return results;
    }

    /**
     * Runs a batch through the net.
     *
     * @param inputs one batch per net input, in port order, each {@code (batch, per-example shape…)}
     * @return one batch per net output, in port order
     * @throws IllegalArgumentException when an input does not fit its port
     * @throws IllegalStateException    after {@link #close()}
     */
    public synchronized List<TensorValue> run(List<TensorValue> inputs) {
        checkOpen();
        Optional<List<TensorValue>> fast = runInOnnxRuntime(inputs);
        if (fast.isPresent()) {
            return fast.get();
        }
        List<TensorValue> result;
        try (NDManager scope = manager.newSubManager(); Autograd off = Autograd.off()) {
            NDList in = new NDList(inputs.size());
            for (TensorValue t : inputs) {
                in.add(scope.create(t.values(), new Shape(t.shape())));
            }
            NDList out = net.forward(new ParameterStore(scope, false), in, false);
            result = new ArrayList<>(out.size());
            for (NDArray o : out) {
                result.add(PortProbe.value(o));
            }
        }
        if (++djlRuns == 2) {
            startOnnxRuntime(new OnnxInference.Check(copies(inputs), List.copyOf(result)));
        }
        return result;
    }

    /** The route the next {@link #run(List)} call with inputs of the declared sizes takes. */
    public synchronized Route route() {
        return onnxSession().isPresent() ? Route.ONNX_RUNTIME : Route.DJL;
    }

    /**
     * Waits for the whole-net ONNX Runtime session that the second {@link #run(List)} call starts
     * building (for benchmarks and tests; calls never wait for it).
     *
     * @param timeout how long to wait
     * @return whether later calls take {@link Route#ONNX_RUNTIME}; false when this net cannot, or
     *     when it has not been run twice yet
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitOnnxRuntime(Duration timeout) throws InterruptedException {
        CompletableFuture<Optional<OnnxInference>> session;
        synchronized (this) {
            checkOpen();
            session = onnx;
        }
        if (session == null) {
            return false;
        }
        try {
            return session.get(timeout.toMillis(), TimeUnit.MILLISECONDS).isPresent();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Whether the whole-net session was asked for (by a second call). */
    synchronized boolean onnxRuntimeAskedFor() {
        return onnx != null;
    }

    private Optional<OnnxInference> onnxSession() {
        // A build that died (out of memory exporting a large net, say) leaves the runner on DJL.
        return onnx != null && onnx.isDone() && !onnx.isCompletedExceptionally() ? onnx.getNow(Optional.empty())
                : Optional.empty();
    }

    private Optional<List<TensorValue>> runInOnnxRuntime(List<TensorValue> inputs) {
        Optional<OnnxInference> session = onnxSession();
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try {
            return session.get().run(inputs);
        } catch (IOException e) {
            // DJL computes the same; where the inputs are at fault it also says what does not fit.
            return Optional.empty();
        }
    }

    private static List<TensorValue> copies(List<TensorValue> values) {
        List<TensorValue> out = new ArrayList<>(values.size());
        for (TensorValue t : values) {
            out.add(TensorValue.of(t.values().clone(), t.shape()));
        }
        return out;
    }

    private void startOnnxRuntime(OnnxInference.Check check) {
        if (onnx != null) {
            return;
        }
        if (device.isGpu() || "djl".equals(System.getProperty(ROUTE_PROPERTY))
                || OnnxInference.unavailable(net.net(), net.inputTypes()).isPresent()) {
            onnx = CompletableFuture.completedFuture(Optional.empty());
            return;
        }
        onnx = CompletableFuture.supplyAsync(() -> buildOnnxRuntime(check), SESSION_BUILDER);
    }

    private Optional<OnnxInference> buildOnnxRuntime(OnnxInference.Check check) {
        Weights weights;
        synchronized (this) {
            if (closed) {
                return Optional.empty();
            }
            weights = NetWeights.read(net);
        }
        OnnxInference session;
        try {
            session = OnnxInference.of(net.net(), weights, net.inputNames(), net.outputNames(), net.inputTypes(),
                    Runtime.getRuntime().availableProcessors(), check);
        } catch (IOException | RuntimeException e) {
            // The net stays on DJL, which runs every net this runner takes.
            return Optional.empty();
        }
        synchronized (this) {
            if (closed) {
                session.close();
                return Optional.empty();
            }
        }
        return Optional.of(session);
    }

    /**
     * Runs a batch through the net and returns the values of the named ports and arrays, and
     * when {@code gradient} is given, the gradient of that score or loss with respect to each of
     * them. Runs in inference mode (dropout off, batch-norm moving statistics), as
     * {@link #run(List)} does.
     *
     * @param inputs   one batch per net input, in port order, each {@code (batch, per-example shape…)}
     * @param names    ports as the canvas names them ({@code "conv1"}, {@code "block2/Output"}, a net
     *                 input such as {@code "Input"}; see {@link NetPorts}) or weights keys of
     *                 arrays ({@code "conv1/weights"})
     * @param gradient the score or loss to differentiate, or null for values only
     * @return the values and gradients by name, in the order asked
     * @throws IllegalArgumentException when a name is unknown (naming close ones), a port does not
     *     feed the outputs, an input does not fit, or the gradient's output, class or target does not fit
     * @throws IllegalStateException    after {@link #close()}
     */
    public synchronized Probe probe(List<TensorValue> inputs, List<String> names, GradientOf gradient) {
        checkOpen();
        PortProbe probe = new PortProbe(net, names);
        try (NDManager scope = manager.newSubManager()) {
            return probe.run(scope, inputs, gradient);
        }
    }

    /**
     * Runs a batch given by input name.
     *
     * @param inputs a batch for every net input, by name
     * @return a batch for every net output, by name, in port order
     * @throws IllegalArgumentException when an input is missing or unknown, or does not fit
     */
    public Map<String, TensorValue> run(Map<String, TensorValue> inputs) {
        List<TensorValue> ordered = new ArrayList<>();
        for (String name : inputNames()) {
            TensorValue t = inputs.get(name);
            if (t == null) {
                throw new IllegalArgumentException("No value for the net's input '" + name + "' (it takes "
                        + inputNames() + ")");
            }
            ordered.add(t);
        }
        if (inputs.size() != ordered.size()) {
            throw new IllegalArgumentException("The net has no input named among " + inputs.keySet()
                    + " beyond " + inputNames());
        }
        List<TensorValue> out = run(ordered);
        Map<String, TensorValue> named = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            named.put(outputNames().get(i), out.get(i));
        }
        return named;
    }

    /**
     * Runs a batch of DJL arrays, on this runner's device. The outputs belong to the first
     * input's manager (close it to free them); everything else the call allocates is freed.
     *
     * @param inputs one batch per net input, in port order
     * @return one batch per net output, in port order
     */
    public synchronized NDList run(NDList inputs) {
        checkOpen();
        NDManager owner = inputs.head().getManager();
        try (NDManager scope = manager.newSubManager(); Autograd off = Autograd.off()) {
            NDList moved = new NDList(inputs.size());
            for (NDArray x : inputs) {
                if (x.getDevice().equals(device)) {
                    // Back with its owner when the scope closes; what the pass derives from it is freed.
                    x.tempAttach(scope);
                    moved.add(x);
                } else {
                    NDArray copy = x.toDevice(device, true);
                    copy.attach(scope);
                    moved.add(copy);
                }
            }
            NDList out = net.forward(new ParameterStore(scope, false), moved, false);
            out.attach(owner);
            return out;
        }
    }

    /**
     * Measures the net on a dataset with the loss training uses (cross-entropy on the scores
     * before a final Softmax for class targets, else mean squared error), and for class targets
     * counts which class each example is predicted as. Runs in batches on this runner's device.
     *
     * @param data the examples, each the size of the net's (one) input
     * @return loss, accuracy and confusion matrix
     * @throws IllegalArgumentException when the net has several inputs or outputs, or its input
     *     or output does not fit the data (the message names both shapes)
     */
    public synchronized Evaluation evaluate(Dataset data) {
        checkOpen();
        Objects.requireNonNull(data, "data");
        if (inputNames().size() != 1 || outputNames().size() != 1) {
            throw new IllegalArgumentException("Evaluation needs a net with one input and one output, but this one has "
                    + inputNames() + " and " + outputNames());
        }
        Shape shape = evaluationInputShape(data);
        boolean classes = data.targets() instanceof Targets.Classes;
        CompiledNet scorer = classes && net.outputIsSoftmax(0) ? net.withLogitOutputs() : net;
        TensorType out = net.outputTypes().get(0);
        if (classes) {
            int k = ((Targets.Classes) data.targets()).classCount();
            if (out.rankKnown() && (out.rank() != 1 || out.dim(0).isFixed() && out.dim(0).size() != k)) {
                throw new IllegalArgumentException("The net outputs " + out.describe() + " per example, but '"
                        + data.name() + "' has " + k + " classes: the output must be a vector of size " + k);
            }
        }
        Metrics metrics = NetEvaluator.evaluate(scorer, shape, data, LossKind.AUTOMATIC);
        if (!classes) {
            float[] truth = ((Targets.Values) data.targets()).values();
            float[] predicted = NetEvaluator.predict(scorer, shape, data);
            return new Evaluation(metrics, ConfusionMatrix.ofCounts(List.of(), new long[0][]),
                    predicted.length == truth.length ? PredictedVsTrue.sample(truth, predicted) : PredictedVsTrue.NONE);
        }
        Targets.Classes targets = (Targets.Classes) data.targets();
        int k = targets.classCount();
        float[] scores = NetEvaluator.predict(scorer, shape, data);
        long[][] confusion = new long[k][k];
        for (int i = 0; i < data.size(); i++) {
            confusion[targets.label(i)][ArgMax.of(scores, i * k, k)]++;
        }
        // The net's own labels where its output declares them (a CSV's classes may only be numbered).
        List<String> labels = outputLabels(0);
        return new Evaluation(metrics, ConfusionMatrix.ofCounts(labels.size() == k ? labels : targets.classNames(),
                confusion));
    }

    /** The net's declared input shape when fully known (as in training), else the data's example shape. */
    private Shape evaluationInputShape(Dataset data) {
        TensorType t = net.inputTypes().get(0);
        if (!t.isFullyKnown()) {
            return data.featureShape();
        }
        long[] dims = new long[t.rank()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = t.dim(d).size();
        }
        return new Shape(dims);
    }

    /** Whether output {@code index} is a probability vector from a Softmax (for showing classes). */
    public boolean outputIsProbabilities(int index) {
        return net.outputIsSoftmax(index);
    }

    /**
     * The class labels of output {@code index} when the net declares a Class decoder there (the
     * labels in the order of the output's probabilities), else an empty list.
     */
    public List<String> outputLabels(int index) {
        NetNode node = net.net();
        String name = outputNames().get(index);
        PortDecl decl = PortDecls.outputs(node).get(name);
        return decl == null || decl.coder() == null ? List.of() : Coders.labels(decl.coder());
    }

    /** Whether input {@code index} takes class or token indices. */
    public boolean inputIsIndices(int index) {
        return net.inputTypes().get(index).kind() instanceof ElementKind.Index;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This net runner was closed");
        }
    }

    /** Frees the weights; waits for a call in progress. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
            if (onnx != null) {
                // A session still being built is closed by its builder, which sees closed.
                onnx.thenAccept(session -> session.ifPresent(OnnxInference::close));
            }
        }
    }
}
