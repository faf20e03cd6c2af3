package org.netstudio.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.Permutations;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.net.NodePath;

/**
 * One training of one net on one dataset, after the Wolfram Language's {@code NetTrain}: made by
 * {@link TrainingLoops#prepare}, run once with {@link #run()} (on the calling thread) or {@link
 * #start()} (on a new thread), stoppable at any time with {@link #stop()}.
 *
 * <p><b>What happens.</b> The block is initialised from the seed if it is not yet; a validation
 * share is split off unless a validation set was given; each epoch shuffles the training examples,
 * runs forward, loss, backward and an optimiser step per batch, then measures loss and accuracy on
 * the validation data. The parameters of the best epoch (lowest validation loss; training loss
 * without validation data) are copied aside and are the ones the block holds when the run ends;
 * see {@link TrainingResult} for the exact rule after a stop or a failure.
 *
 * <p><b>Inputs and outputs.</b> A {@link Feeding} says which column of the data feeds each block
 * input (sequences padded per batch, their lengths passed after the inputs), and an {@link
 * Objective} turns the block's outputs into the loss to minimise and the metrics to report: the
 * loss outputs of a net made ready for training, or a loss on a hand-written block's prediction.
 *
 * <p><b>Threads.</b> Training runs on one thread; listeners are called on it. {@link #stop()} and
 * {@link #result()} may be called from any thread; the run notices a stop before its next batch.
 * Do not use the block or model elsewhere while the run is going. Several runs (on different
 * models) may go at the same time on different threads; the result then depends only on the seed
 * if they do not overlap, since PyTorch's random generator is shared by the whole process.
 */
public final class TrainingLoop {

    /** Every how many batches each layer's {@link NodeHealth} is measured (from the first on). */
    public static final int HEALTH_EVERY = 20;
    /**
     * Whether health is measured in runs that start now; {@code -Dnetstudio.trainingHealth=false}
     * turns it off (the benchmark that measures what it costs switches it between runs).
     */
    static boolean healthMeasured() {
        return !"false".equals(System.getProperty("netstudio.trainingHealth"));
    }

    private final Model model;
    private final Block block;
    private final ExampleTable data;
    private final ExampleTable validationData;
    private final Feeding feeding;
    private final Objective objective;
    private final TrainingOptions options;
    private final Device device;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;

    TrainingLoop(Model model, ExampleTable data, ExampleTable validationData, Feeding feeding, Objective objective,
                TrainingOptions options, Device device) {
        this.model = model;
        this.block = model.getBlock();
        this.data = data;
        this.validationData = validationData;
        this.feeding = feeding;
        this.objective = objective;
        this.options = options;
        this.device = device;
    }

    /**
     * Adds a listener; call before the run starts.
     *
     * @param listener the listener, not null
     * @return this run
     */
    public TrainingLoop addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The options of this run. */
    public TrainingOptions options() {
        return options;
    }

    /** The training data. */
    public ExampleTable data() {
        return data;
    }

    /**
     * Trains on the calling thread and returns when training ends. Never throws for problems
     * during training (a NaN loss, out of memory, a listener's exception): they give a result with
     * {@link StopReason#FAILED}.
     *
     * @return the result, also available from {@link #result()}
     * @throws IllegalStateException if this run was already started
     */
    public TrainingResult run() {
        claim();
        return execute();
    }

    /**
     * Trains on a new daemon thread named "netstudio-training".
     *
     * @return the future result, completed when training ends
     * @throws IllegalStateException if this run was already started
     */
    public CompletableFuture<TrainingResult> start() {
        claim();
        TrainingThread.start(this::execute);
        return result;
    }

    private void claim() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This training run was already started; prepare a new one");
        }
    }

    private TrainingResult execute() {
        TrainingResult r;
        try {
            r = new Loop().train();
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            throw e;
        }
        result.complete(r);
        return r;
    }

    /**
     * Asks the run to stop before its next batch. Returns at once; callable from any thread,
     * including a listener, any number of times. The result (stop reason {@link
     * StopReason#STOPPED}) carries the best parameters so far. Waiting on the returned future from
     * the training thread itself (e.g. inside a listener) would deadlock.
     *
     * @return the future result
     */
    public CompletableFuture<TrainingResult> stop() {
        stopRequested = true;
        return result;
    }

    /** The future result; completes when training ends, never exceptionally for training errors. */
    public CompletableFuture<TrainingResult> result() {
        return result;
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The state of one execution of the training loop. */
    private final class Loop {
        private final long startNanos = System.nanoTime();
        private final List<EpochMetrics> history = new ArrayList<>();
        private final List<Pair<String, Parameter>> parameters = new ArrayList<>();
        private NDArray[] arrays;
        private NDArray[] best;
        private NDManager bestManager;
        private int bestEpoch;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int epoch;
        private int batch;
        private long batches;
        private long examplesTrained;
        private long trainingNanos;
        private double learningRate;
        private boolean initialized;
        private int evaluationSize;
        private TrainBatches trainBatches;
        private NodePath nonFiniteAt;
        private Updater updater;
        private int sinceImprovement;
        /** Lets the frozen layers' batch-norm statistics move again once the run is over. */
        private Runnable statisticsFixed;

        TrainingResult train() {
            boolean gradMode = PyTorchSupport.isGradMode();
            PyTorchSupport.setGradMode(false);
            NDManager runManager = model.getNDManager().newSubManager(device);
            try {
                TrainingResult r = loop(runManager);
                emitLast(r.stopReason() == StopReason.FAILED
                        ? new TrainingEvent.Failed(r.message(), r)
                        : new TrainingEvent.Finished(r));
                return r;
            } finally {
                if (trainBatches != null) {
                    trainBatches.close();
                }
                runManager.close();
                PyTorchSupport.setGradMode(gradMode);
                if (statisticsFixed != null) {
                    statisticsFixed.run();
                }
            }
        }

        private TrainingResult loop(NDManager runManager) {
            StopReason reason = StopReason.COMPLETED;
            String message;
            try {
                Engine.getInstance().setRandomSeed(Long.hashCode(options.seed()));
                Random random = new Random(options.seed());
                initialize(runManager);
                int[][] split = split();
                int[] trainIndices = split[0];
                ExampleTable validation = validationData != null ? validationData : data;
                int[] validationIndices = split[1];
                int batchSize = Math.min(options.batchSize(), trainIndices.length);
                int batchesPerEpoch = (trainIndices.length + batchSize - 1) / batchSize;
                long totalSteps = (long) batchesPerEpoch * options.maxEpochs();
                trainBatches = new TrainBatches(feeding.forTraining(data, options.seed()), feeding, batchSize,
                        batchesPerEpoch);
                evaluationSize = Math.min(evaluationBatchSize(batchSize), Math.max(1, validationIndices.length));
                TableReader validationBatches = validationIndices.length == 0 ? null
                        : new TableReader(validation, feeding, evaluationSize);
                ParameterStore store = new ParameterStore(runManager, false);
                List<NDArray> trainable = new ArrayList<>();
                List<Float> factors = new ArrayList<>();
                LayerFactors layerFactors = LayerFactors.of(block, options.multipliers());
                for (int i = 0; i < parameters.size(); i++) {
                    if (parameters.get(i).getValue().requiresGradient()) {
                        trainable.add(arrays[i]);
                        factors.add((float) layerFactors.factorOf(parameters.get(i).getValue()));
                        // Gradients left over from an earlier run or a failed batch must not leak into this one.
                        PyTorchSupport.zeroGrad(arrays[i]);
                    }
                }
                float[] factorArray = new float[factors.size()];
                for (int i = 0; i < factorArray.length; i++) {
                    factorArray[i] = factors.get(i);
                }
                updater = Updater.create(options, trainable, factorArray, runManager);
                statisticsFixed = layerFactors.fixFrozenStatistics();
                int firstEpoch = options.resumeFrom() == null ? 1 : resume(runManager, trainIndices, random);
                HealthCheck health = null;
                if (healthMeasured() && block instanceof CompiledNet net) {
                    List<ai.djl.nn.Parameter> learnable = new ArrayList<>();
                    for (Pair<String, Parameter> p : parameters) {
                        if (p.getValue().requiresGradient()) {
                            learnable.add(p.getValue());
                        }
                    }
                    health = HealthCheck.of(net, learnable, trainable);
                }
                NDArray one = runManager.ones(new Shape(), DataType.FLOAT32);
                epochs:
                for (epoch = firstEpoch; epoch <= options.maxEpochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    Permutations.shuffle(trainIndices, random);
                    trainBatches.startEpoch(trainIndices);
                    Tally tally = new Tally();
                    for (batch = 1; batch <= batchesPerEpoch; batch++) {
                        if (stopRequested) {
                            reason = StopReason.STOPPED;
                            break epochs;
                        }
                        int from = (batch - 1) * batchSize;
                        int count = Math.min(batchSize, trainIndices.length - from);
                        long step = (long) (epoch - 1) * batchesPerEpoch + batch - 1;
                        learningRate = options.schedule().rate(options.learningRate(), epoch - 1, step, totalSteps);
                        long t0 = System.nanoTime();
                        float batchLoss;
                        long batchCorrect;
                        try (NDManager batchManager = runManager.newSubManager()) {
                            TableReader ready = trainBatches.batch(batch - 1);
                            Batch arrays = ready.arrays(batchManager);
                            NDList outputs;
                            NDArray loss;
                            boolean measured = health != null && batches % HEALTH_EVERY == 0;
                            PyTorchSupport.setGradMode(true);
                            try {
                                outputs = measured
                                        ? ((CompiledNet) block).forward(store, ready.blockInputs(arrays), true, health.watch())
                                        : block.forward(store, ready.blockInputs(arrays), true);
                                loss = objective.loss(outputs, arrays);
                            } finally {
                                PyTorchSupport.setGradMode(false);
                            }
                            batchLoss = loss.getFloat();
                            if (!Float.isFinite(batchLoss)) {
                                trainingNanos += System.nanoTime() - t0;
                                Optional<NonFiniteSearch.Source> source = block instanceof CompiledNet net
                                        ? NonFiniteSearch.forward(net, store, ready.blockInputs(arrays), feeding.inputs())
                                        : Optional.empty();
                                return nonFinite("Loss became " + (Float.isNaN(batchLoss) ? "NaN" : "infinite"), source);
                            }
                            PyTorchSupport.backward(loss, one);
                            if (!NonFiniteSearch.finiteGradients(trainable, batchManager)) {
                                trainingNanos += System.nanoTime() - t0;
                                Optional<NonFiniteSearch.Source> source = block instanceof CompiledNet net
                                        ? NonFiniteSearch.backward(net, store, ready.blockInputs(arrays),
                                                out -> objective.loss(out, arrays), one)
                                        : Optional.empty();
                                return nonFinite("Gradients became NaN or infinite", source);
                            }
                            long before = tally.firstCorrect();
                            objective.measure(outputs, arrays, loss, tally);
                            batchCorrect = tally.firstCorrect() - before;
                            if (measured) {
                                health.beforeUpdate();
                            }
                            updater.update((float) learningRate, options.schedule().momentum(step, totalSteps));
                            if (measured) {
                                emit(new TrainingEvent.Health(epoch, batch, batches + 1, health.afterUpdate()));
                            }
                        }
                        trainingNanos += System.nanoTime() - t0;
                        batches++;
                        examplesTrained += count;
                        emit(new TrainingEvent.BatchEnded(epoch, batch, batchesPerEpoch, options.maxEpochs(), batchLoss,
                                accuracy(batchCorrect, count), count, learningRate, examplesTrained));
                    }
                    batch = 0;
                    Metrics training = tally.metrics();
                    Optional<Metrics> validated = validationBatches == null ? Optional.empty()
                            : Optional.of(evaluate(store, runManager, validationBatches, validationIndices));
                    EpochMetrics metrics = new EpochMetrics(epoch, training, validated, learningRate,
                            (System.nanoTime() - epochStart) / 1e9);
                    history.add(metrics);
                    boolean improved = metrics.referenceLoss() < bestLoss;
                    if (improved) {
                        bestLoss = metrics.referenceLoss();
                        bestEpoch = epoch;
                        snapshot();
                        sinceImprovement = 0;
                    } else {
                        sinceImprovement++;
                    }
                    // The epoch is recorded before its checkpoint: a crash between the two resumes from
                    // the earlier checkpoint, and the resume drops the recorded epochs after it.
                    emit(new TrainingEvent.EpochEnded(metrics, options.maxEpochs(), improved));
                    checkpoint(improved);
                    if (options.earlyStoppingPatience() > 0 && sinceImprovement >= options.earlyStoppingPatience()
                            && epoch < options.maxEpochs()) {
                        reason = StopReason.EARLY_STOPPED;
                        break;
                    }
                }
                message = switch (reason) {
                    case STOPPED -> batch > 1 ? "Stopped in epoch " + epoch + " after batch " + (batch - 1)
                            : epoch > 1 ? "Stopped after epoch " + (epoch - 1) : "Stopped before the first batch";
                    case EARLY_STOPPED -> "Stopped early after epoch " + history.size() + ": no improvement for "
                            + options.earlyStoppingPatience() + " epochs";
                    default -> "Completed " + history.size() + " epoch" + (history.size() == 1 ? "" : "s");
                };
                if (bestEpoch > 0) {
                    restoreBest();
                    message += "; kept epoch " + bestEpoch;
                }
                return result(reason, message);
            } catch (ListenerException e) {
                return failed("A training listener failed " + where() + ": " + e.getCause());
            } catch (EngineException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                return failed(describeFailure(e));
            } catch (OutOfMemoryError e) {
                return failed("Out of Java memory " + where() + "; try a smaller batch size (now "
                        + options.batchSize() + ") or a smaller validation set");
            } catch (RuntimeException e) {
                return failed("Training failed " + where() + ": " + e);
            }
        }

        private void initialize(NDManager runManager) {
            TableReader probe = new TableReader(data, feeding, 1);
            probe.prepare(new int[] {0}, 0, 1);
            try (NDManager probeManager = runManager.newSubManager()) {
                Batch first = probe.arrays(probeManager);
                NDList inputs = probe.blockInputs(first);
                if (!block.isInitialized()) {
                    block.initialize(model.getNDManager(), DataType.FLOAT32, inputs.getShapes());
                }
                collectParameters();
                String problem = objective.check(block.forward(new ParameterStore(probeManager, false), inputs, false),
                        first);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            bestManager = runManager.newSubManager();
            snapshot();
        }

        private void collectParameters() {
            for (Pair<String, Parameter> entry : block.getParameters()) {
                parameters.add(entry);
            }
            arrays = new NDArray[parameters.size()];
            for (int i = 0; i < arrays.length; i++) {
                Pair<String, Parameter> entry = parameters.get(i);
                arrays[i] = entry.getValue().getArray();
                if (!arrays[i].getDevice().equals(device)) {
                    throw new IllegalArgumentException("The net's parameter " + entry.getKey() + " is on "
                            + arrays[i].getDevice() + ", but training was asked for on " + device);
                }
            }
            initialized = true;
        }

        /** Returns {train indices, validation indices} into the training data / validation set. */
        private int[][] split() {
            if (validationData != null) {
                return new int[][] {Permutations.identity(data.size()), Permutations.identity(validationData.size())};
            }
            ValidationSplit split = ValidationSplit.of(data.size(), options.validationFraction(), options.seed());
            return new int[][] {split.training(), split.validation()};
        }

        private int evaluationBatchSize(int batchSize) {
            // Bigger batches evaluate faster; cap the features at about 64 MB per batch.
            long perExample = 4096;
            for (Column c : data.columns().values()) {
                if (c instanceof FeatureColumn f) {
                    perExample = Math.max(perExample, 4L * f.data().featureLength());
                }
            }
            long cap = Math.max(1, (64L << 20) / perExample);
            return (int) Math.max(batchSize, Math.min(1024, cap));
        }

        private Metrics evaluate(ParameterStore store, NDManager runManager, TableReader batches, int[] indices) {
            return TableEvaluation.evaluate(block, store, runManager, batches, indices, evaluationSize, objective);
        }

        private OptionalDouble accuracy(long correct, long count) {
            return objective.classification() && count > 0 && correct >= 0 ? OptionalDouble.of((double) correct / count)
                    : OptionalDouble.empty();
        }

        /** Copies the current parameters aside as the best ones (on the device, no host round trip). */
        private void snapshot() {
            if (best == null) {
                best = new NDArray[arrays.length];
            }
            for (int i = 0; i < arrays.length; i++) {
                NDArray copy = arrays[i].duplicate();
                copy.attach(bestManager);
                if (best[i] != null) {
                    best[i].close();
                }
                best[i] = copy;
            }
        }

        private void restoreBest() {
            for (int i = 0; i < arrays.length; i++) {
                best[i].copyTo(arrays[i]);
            }
        }

        private void checkpoint(boolean improved) {
            Path folder = options.checkpointFolder();
            if (folder == null) {
                return;
            }
            try {
                Files.createDirectories(folder);
                save(folder.resolve("last.params"));
                if (improved) {
                    save(folder.resolve("best.params"));
                }
                if (epoch % options.checkpointEvery() == 0 || epoch == options.maxEpochs()) {
                    List<String> names = new ArrayList<>();
                    parameters.forEach(p -> names.add(p.getKey()));
                    Checkpoint.write(folder, new Checkpoint.State(epoch, batches, examplesTrained, bestEpoch, bestLoss,
                            sinceImprovement, options.optimizer().id(), updater.steps(), history), names, arrays, best,
                            updater.state());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(
                        new IOException("Cannot write a checkpoint to " + folder + ": " + e.getMessage(), e));
            }
        }

        /**
         * Continues from the checkpoint in {@link TrainingOptions#resumeFrom()}: its weights, best
         * weights, optimiser state and counters, and the shuffles of the epochs it had done.
         *
         * @return the first epoch to train
         */
        private int resume(NDManager runManager, int[] trainIndices, Random random) {
            Checkpoint.Loaded loaded;
            try {
                loaded = Checkpoint.read(options.resumeFrom());
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            Checkpoint.State state = loaded.state();
            if (!state.optimizer().equals(options.optimizer().id())) {
                throw new IllegalArgumentException(loaded.file() + ": the checkpoint was made with the optimizer "
                        + state.optimizer() + ", not " + options.optimizer().id());
            }
            if (state.epoch() >= options.maxEpochs()) {
                throw new IllegalArgumentException(loaded.file() + ": the checkpoint is after epoch " + state.epoch()
                        + " of " + options.maxEpochs() + "; ask for more epochs to continue training");
            }
            for (int i = 0; i < arrays.length; i++) {
                String name = parameters.get(i).getKey();
                long[] shape = arrays[i].getShape().getShape();
                try (NDArray w = runManager.create(loaded.values("weights/" + name, shape), arrays[i].getShape())) {
                    w.copyTo(arrays[i]);
                }
                NDArray b = runManager.create(loaded.values("best/" + name, shape), arrays[i].getShape());
                b.attach(bestManager);
                best[i].close();
                best[i] = b;
            }
            List<NDArray[]> optimizerState = updater.state();
            for (int k = 0; k < optimizerState.size(); k++) {
                NDArray[] group = optimizerState.get(k);
                for (int i = 0; i < group.length; i++) {
                    try (NDArray v = runManager.create(loaded.values("optimizer/" + k + "/" + i,
                            group[i].getShape().getShape()), group[i].getShape())) {
                        v.copyTo(group[i]);
                    }
                }
            }
            updater.resumeSteps(state.optimizerSteps());
            batches = state.batches();
            examplesTrained = state.examplesTrained();
            bestEpoch = state.bestEpoch();
            bestLoss = state.bestLoss();
            sinceImprovement = state.sinceImprovement();
            history.addAll(state.history());
            // The shuffles of the epochs done leave the order and the generator where the next epoch expects them.
            for (int e = 0; e < state.epoch(); e++) {
                Permutations.shuffle(trainIndices, random);
            }
            Engine.getInstance().setRandomSeed(Long.hashCode(options.seed() * 31 + state.epoch()));
            return state.epoch() + 1;
        }

        /** Saves the parameters as nets are saved: a crash never leaves half a file, nor a temporary for long. */
        private void save(Path file) throws IOException {
            AtomicFiles.write(file, out -> {
                DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
                block.saveParameters(data);
                data.flush();
            });
        }

        /**
         * Fails the run after a batch whose loss or gradients are not finite, before its update: the
         * net kept is the best epoch's, or the one training started from, both from before that batch.
         */
        private TrainingResult nonFinite(String what, Optional<NonFiniteSearch.Source> source) {
            String message = what + " " + where() + source.map(s -> ": " + s.description()).orElse("")
                    + (bestEpoch > 0 ? "; kept the net of epoch " + bestEpoch + ", the best so far"
                            : source.isPresent() ? "; kept the net training started from" : "")
                    // Before the first update the learning rate has had no say in it.
                    + (batches > 0 ? "; try a lower learning rate (now " + formatRate(learningRate) + ")" : "");
            nonFiniteAt = source.map(NonFiniteSearch.Source::node).orElse(null);
            return failed(message);
        }

        private String describeFailure(RuntimeException e) {
            String text = e instanceof java.io.UncheckedIOException u ? String.valueOf(u.getCause().getMessage())
                    : String.valueOf(e.getMessage());
            if (text.toLowerCase(java.util.Locale.ROOT).contains("out of memory")) {
                return "Out of memory on " + device + " " + where() + "; try a smaller batch size (now "
                        + options.batchSize() + ")";
            }
            if (!initialized || epoch == 0) {
                return text;
            }
            return "Training failed " + where() + ": " + text;
        }

        private String where() {
            return batch > 0 ? "in epoch " + epoch + ", batch " + batch : "at the end of epoch " + epoch;
        }

        private TrainingResult failed(String message) {
            if (best != null) {
                restoreBest();
            }
            return result(StopReason.FAILED, message);
        }

        private TrainingResult result(StopReason reason, String message) {
            double seconds = trainingNanos / 1e9;
            ParameterSnapshot snapshot = initialized ? ParameterSnapshot.of(block) : ParameterSnapshot.empty();
            int returnedEpoch = reason == StopReason.FAILED || bestEpoch > 0 ? bestEpoch : 0;
            return new TrainingResult(reason, message, history, returnedEpoch, batches, examplesTrained,
                    seconds > 0 ? examplesTrained / seconds : 0, seconds, (System.nanoTime() - startNanos) / 1e9,
                    snapshot, Optional.ofNullable(nonFiniteAt));
        }

        private void emit(TrainingEvent event) {
            for (TrainingListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    throw new ListenerException(e);
                }
            }
        }

        /** The final event: a listener failing here cannot change the result any more. */
        private void emitLast(TrainingEvent event) {
            for (TrainingListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    // The run is over and its result stands; nothing sensible is left to do with it.
                }
            }
        }
    }

    /**
     * Hands out the training batches of an epoch. For data read lazily from disk, the next batch is
     * read on a second thread while the current one trains, into the other of two readers: a
     * reader is refilled only after the arrays made from it two batches earlier have been closed,
     * since the arrays share its memory.
     */
    private static final class TrainBatches implements AutoCloseable {
        private final TableReader[] readers;
        private final ExecutorService reader;
        private final int batchSize;
        private final int batchesPerEpoch;
        private int[] order;
        private Future<?> next;

        TrainBatches(ExampleTable data, Feeding feeding, int batchSize, int batchesPerEpoch) {
            this.batchSize = batchSize;
            this.batchesPerEpoch = batchesPerEpoch;
            boolean prefetch = !data.inMemory() && batchesPerEpoch > 1;
            readers = prefetch
                    ? new TableReader[] {new TableReader(data, feeding, batchSize), new TableReader(data, feeding, batchSize)}
                    : new TableReader[] {new TableReader(data, feeding, batchSize)};
            reader = prefetch ? Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "netstudio-batch-reader");
                thread.setDaemon(true);
                return thread;
            }) : null;
        }

        void startEpoch(int[] epochOrder) {
            this.order = epochOrder;
            this.next = null;
        }

        /** Returns the reader holding batch {@code index} (from 0) of the epoch, read and ready. */
        TableReader batch(int index) {
            TableReader current = readers[index % readers.length];
            if (next == null) {
                fill(current, index);
            } else {
                await(next);
            }
            next = null;
            if (reader != null && index + 1 < batchesPerEpoch) {
                TableReader following = readers[(index + 1) % readers.length];
                next = reader.submit(() -> fill(following, index + 1));
            }
            return current;
        }

        private void fill(TableReader target, int index) {
            int from = index * batchSize;
            target.prepare(order, from, Math.min(batchSize, order.length - from));
        }

        private static void await(Future<?> future) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("Reading a batch failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Training was interrupted while reading a batch", e);
            }
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.shutdownNow();
            }
        }
    }

    /** Carries a listener's exception out of the loop. */
    private static final class ListenerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerException(RuntimeException cause) {
            super(cause);
        }
    }

    /** Formats a learning rate with up to 4 significant digits: 10.0, 0.001, 3.162E-4. */
    static String formatRate(double rate) {
        BigDecimal rounded = new BigDecimal(rate).round(new MathContext(4)).stripTrailingZeros();
        return Double.toString(rounded.doubleValue());
    }
}
