package org.netstudio.engine.run;

import ai.djl.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.compile.AttachedLoss;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ColumnGroups;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.Feeding;
import org.netstudio.engine.train.LossKind;
import org.netstudio.engine.train.LossOutputs;
import org.netstudio.engine.train.TrainingLoops;
import org.netstudio.engine.train.TrainingListener;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingLoop;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Trains a net of the netgraph model in one call, after the Wolfram Language's {@code NetTrain}:
 * any valid net, with any number of inputs and outputs, its own loss layers or none, on data of
 * fixed shape or sequences of varying length.
 *
 * <p><b>Data to ports.</b> The data is a table of columns ({@link ExampleTable}; a {@link Dataset}
 * is the two-column case). A {@link DataMapping} says which column feeds each input and which
 * column each output is trained against; what it leaves out is taken by name, then by the obvious
 * default (a single input takes the features, a single output the targets), and an input named
 * like "Positions" beside a sequence takes each element's position. Everything is checked before
 * training starts and explained in one sentence when it does not fit ({@link #bind}).
 *
 * <p><b>Losses.</b> An output of the net's own loss layer is minimised as drawn. Every other output
 * with a target column gets a catalog loss attached: cross-entropy for classes (per element of a
 * sequence), mean squared error for real numbers. A Softmax before a cross-entropy is fused into
 * it (stable log-softmax) while training; the returned net keeps it and outputs probabilities.
 * The losses are summed with the mapping's weights.
 *
 * <p><b>Sequences.</b> Each batch is padded to its longest sequence and carries each example's
 * length, so that recurrent layers, SequenceLast/Reverse, attention, pooling and losses compute
 * for each example what it would alone.
 *
 * <p>Stateless and thread-safe; each training owns its native memory.
 */
public final class NetTrain {

    private NetTrain() {
    }

    /**
     * Trains a net on the calling thread.
     *
     * @param net      the net, valid
     * @param data     the training data (also the validation data unless the options give a set)
     * @param options  the options
     * @param listener receives the events, or null
     * @return the trained net; after a failure, the best weights so far and the message
     * @throws IllegalArgumentException when the net, data and options do not fit together
     */
    public static TrainedNet train(NetNode net, Dataset data, TrainingOptions options, TrainingListener listener) {
        PreparedTraining training = prepare(net, null, data, options);
        if (listener != null) {
            training.addListener(listener);
        }
        return training.run();
    }

    /**
     * Prepares a training on a dataset (features and targets), to run on any thread and stop at will.
     *
     * @param net     the net, valid
     * @param initial weights to start from (fine-tuning), or null for the seeded initial values;
     *                arrays they lack or hold in another shape (a layer added or resized since)
     *                start from their seeded values, see {@link PreparedTraining#freshArrays()}
     * @param data    the training data
     * @param options the options
     * @return the training, not started
     * @throws IllegalArgumentException when the net, data, weights and options do not fit together
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     */
    public static PreparedTraining prepare(NetNode net, Weights initial, Dataset data, TrainingOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        return prepare(net, initial, ExampleTable.of(data),
                options.validationSet() == null ? null : ExampleTable.of(options.validationSet()),
                DataMapping.AUTOMATIC, options);
    }

    /**
     * Prepares a training on a table of columns.
     *
     * @param net        the net, valid
     * @param initial    weights to start from, or null (see {@link #prepare(NetNode, Weights, Dataset, TrainingOptions)})
     * @param data       the training data
     * @param validation validation data with the same columns, or null to split off the options' share
     * @param mapping    which columns feed which ports
     * @param options    the options (their validation set is ignored; pass {@code validation})
     * @return the training, not started
     * @throws IllegalArgumentException when the net, data, weights and options do not fit together
     */
    public static PreparedTraining prepare(NetNode net, Weights initial, ExampleTable data, ExampleTable validation,
                                      DataMapping mapping, TrainingOptions options) {
        Objects.requireNonNull(options, "options");
        Trainable t = trainable(NetCompiler.compile(net, options.seed()), data, mapping, options.loss());
        ExampleTable validationData = validation == null ? null : derive(t.compiled(), validation, t.binding());
        CompiledNet compiled = t.compiled();
        requireSomethingLearns(compiled, options);
        CompiledNet training = t.training();
        Binding binding = t.binding();
        Model model = TrainingLoops.newModel(name(net), training, options.device());
        try {
            List<String> fresh = List.of();
            if (initial != null) {
                fresh = NetWeights.loadFitting(compiled, initial, model.getNDManager());
            }
            TrainingLoop run = TrainingLoops.prepare(model, binding.data(), validationData, t.feeding(),
                    weighted(t.objective(), binding, options.classWeights()), options);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("dataset", data.name());
            metadata.put("seed", Long.toString(options.seed()));
            return new PreparedTraining(net, compiled, model, run, t.loss(), t.softmaxFused(), metadata, fresh, binding);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Refuses a run whose multipliers freeze every trainable array: it would change nothing. */
    private static void requireSomethingLearns(CompiledNet net, TrainingOptions options) {
        boolean anyTrainable = false;
        for (org.netstudio.engine.compile.NetArray a : net.arrays()) {
            if (a.trainable()) {
                anyTrainable = true;
                if (!options.multipliers().frozen(a.node())) {
                    return;
                }
            }
        }
        if (anyTrainable) {
            throw new IllegalArgumentException("Every layer of the net is frozen (learning-rate multiplier 0), so"
                    + " training would change nothing; unfreeze at least one layer");
        }
    }

    /**
     * Measures a trained net on data, as training measures its validation data: the losses and
     * each trained output's accuracy or mean squared error, in inference mode on the CPU.
     *
     * @param net     the net
     * @param weights its weights
     * @param data    the examples, e.g. a test split
     * @param mapping which columns feed which ports (as for training)
     * @return the metrics
     * @throws IllegalArgumentException when the data does not fit the net, or the weights do not
     */
    public static org.netstudio.engine.train.Metrics evaluate(NetNode net, Weights weights, ExampleTable data,
                                                             DataMapping mapping) {
        Trainable t = trainable(NetCompiler.compile(net, 0), data, mapping, LossKind.AUTOMATIC);
        // Loading values into arrays while autograd records would make PyTorch warn on the terminal.
        try (Autograd off = Autograd.off();
             Model model = TrainingLoops.newModel(name(net), t.training(), org.netstudio.engine.device.DeviceSpec.CPU)) {
            NetWeights.load(t.compiled(), weights, model.getNDManager());
            return org.netstudio.engine.train.TableEvaluation.evaluate(t.training(), t.binding().data(), t.feeding(),
                    t.objective(), model.getNDManager(), 256);
        }
    }

    /** Per input column, how training varies its pictures: each input's Image encoder's augmentation. */
    private static Map<String, ImageAugmentation> augmentations(CompiledNet compiled, Binding binding) {
        Map<String, ImageAugmentation> varied = new LinkedHashMap<>();
        Map<String, PortDecl> declared = PortDecls.inputs(compiled.net());
        binding.inputs().forEach((port, column) -> {
            PortDecl decl = declared.get(port);
            ImageAugmentation a = ImageAugmentation.of(decl == null ? null : decl.coder());
            if (a.any()) {
                varied.put(column, a);
            }
        });
        return varied;
    }

    /**
     * The objective with each output trained on one class per example weighted by class, the
     * weights resolved from the training data's class counts.
     */
    private static LossOutputs weighted(LossOutputs objective, Binding binding, ClassWeights weights) {
        if (weights.equals(ClassWeights.NONE)) {
            return objective;
        }
        Map<Integer, float[]> perOutput = new LinkedHashMap<>();
        List<LossOutputs.Measured> measured = objective.measured();
        for (int j = 0; j < measured.size(); j++) {
            if (measured.get(j).classes() && binding.column(measured.get(j).targetColumn()) instanceof TargetColumn t
                    && t.targets() instanceof Targets.Classes classes) {
                long[] counts = new long[classes.classCount()];
                for (int label : classes.labels()) {
                    counts[label]++;
                }
                perOutput.put(j, weights.resolve(counts));
            }
        }
        if (perOutput.isEmpty()) {
            throw new IllegalArgumentException("Class weights apply to an output trained on one class per example,"
                    + " and this training has none");
        }
        return objective.withClassWeights(perOutput);
    }

    /** A compiled net made ready for training on some data: the losses attached, the feeding and the objective. */
    private record Trainable(CompiledNet compiled, CompiledNet training, Binding binding, Feeding feeding,
                             LossOutputs objective, LossKind loss, boolean softmaxFused) {
    }

    private static Trainable trainable(CompiledNet compiled, ExampleTable data, DataMapping mapping, LossKind asked) {
        Binding binding = bind(compiled, data, mapping);
        List<String> trained = new ArrayList<>(binding.targets().keySet());
        List<AttachedLoss> attached = new ArrayList<>();
        boolean crossEntropy = false;
        for (String output : trained) {
            AttachedLoss loss = lossFor(compiled, output, binding, asked);
            crossEntropy |= loss.loss().type().equals("CrossEntropyLoss");
            attached.add(loss);
        }
        CompiledNet training = compiled.withLosses(attached, trained);
        boolean fused = false;
        for (String output : trained) {
            fused |= compiled.outputIsSoftmax(compiled.outputNames().indexOf(output));
        }
        int losses = binding.ownLosses().size() + attached.size();
        double[] weights = new double[losses];
        List<String> lossPorts = new ArrayList<>(binding.ownLosses());
        lossPorts.addAll(trained);
        for (int i = 0; i < losses; i++) {
            weights[i] = binding.lossWeights().getOrDefault(lossPorts.get(i), 1.0);
        }
        List<LossOutputs.Measured> measured = new ArrayList<>();
        for (int j = 0; j < trained.size(); j++) {
            measured.add(new LossOutputs.Measured(losses + j, trained.get(j), binding.targets().get(trained.get(j)),
                    attached.get(j).loss().type().equals("CrossEntropyLoss")));
        }
        List<String> blockColumns = new ArrayList<>(binding.inputs().values());
        for (String output : trained) {
            blockColumns.add(binding.targets().get(output));
        }
        List<String> lengthColumns = new ArrayList<>();
        for (String size : training.varyingSizes()) {
            lengthColumns.add(lengthColumn(training, blockColumns, size));
        }
        if (lengthColumns.stream().noneMatch(c -> binding.column(c) instanceof SequenceColumn)) {
            // Every "sequence" comes as fixed-length features: nothing is padded, so nothing to mask.
            lengthColumns.clear();
        }
        List<ai.djl.ndarray.types.Shape> shapes = new ArrayList<>();
        for (int i = 0; i < blockColumns.size(); i++) {
            shapes.add(i < compiled.inputNames().size() ? reshapeFor(compiled.inputTypes().get(i),
                    binding.column(blockColumns.get(i))) : null);
        }
        Feeding feeding = new Feeding(blockColumns, shapes, lengthColumns, List.of(), augmentations(compiled, binding));
        LossKind kind = crossEntropy ? LossKind.CROSS_ENTROPY : LossKind.MEAN_SQUARED;
        return new Trainable(compiled, training, binding, feeding, new LossOutputs(weights, measured), kind, fused);
    }

    /**
     * Resolves and checks how data feeds a net for training, without preparing anything: for a
     * trainer panel and the CLI to show the mapping and explain a mismatch before Train is pressed.
     *
     * @param net     the net
     * @param data    the data
     * @param mapping what the person chose; the rest by name and default
     * @return the binding
     * @throws IllegalArgumentException with one sentence naming the port and the column when they do not fit
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     */
    public static Binding bind(NetNode net, ExampleTable data, DataMapping mapping) {
        return bind(NetCompiler.compile(net, 0), data, mapping);
    }

    /**
     * Checks, without preparing a training, that a net can be trained on a dataset; see {@link #bind}.
     *
     * @return a message for people when they do not fit, else empty
     */
    public static Optional<String> checkFit(NetNode net, Dataset data) {
        return checkFit(net, ExampleTable.of(Objects.requireNonNull(data, "data")), DataMapping.AUTOMATIC);
    }

    /**
     * Checks, without preparing a training, that a net can be trained on a table with a mapping:
     * the ports are fed, the columns fit them, and each loss can compare its output with its target.
     *
     * @return a message for people when they do not fit, else empty
     */
    public static Optional<String> checkFit(NetNode net, ExampleTable data, DataMapping mapping) {
        Objects.requireNonNull(net, "net");
        try {
            trainable(NetCompiler.compile(net, 0), data, mapping, LossKind.AUTOMATIC);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * How data feeds a net, and whether it can be trained on it, from one compile of the net (a
     * trainer panel asks this after every edit).
     *
     * @param binding the columns bound to the net's ports
     * @param problem why the net cannot be trained on the data (a loss that cannot compare its
     *                output with its target, …), or empty
     */
    public record Fit(Binding binding, Optional<String> problem) {
    }

    /**
     * {@link #bind} and {@link #checkFit} at once, compiling the net once.
     *
     * @throws IllegalArgumentException with one sentence naming the port and the column when the
     *     data cannot be bound at all
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     */
    public static Fit fit(NetNode net, ExampleTable data, DataMapping mapping) {
        CompiledNet compiled = NetCompiler.compile(net, 0);
        Binding binding = bind(compiled, data, mapping);
        try {
            trainable(compiled, data, mapping, LossKind.AUTOMATIC);
            return new Fit(binding, Optional.empty());
        } catch (RuntimeException e) {
            return new Fit(binding, Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static Binding bind(CompiledNet net, ExampleTable data, DataMapping mapping) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mapping, "mapping");
        for (String port : mapping.inputs().keySet()) {
            if (!net.inputNames().contains(port)) {
                throw new IllegalArgumentException("The net has no input '" + port + "'; its inputs are "
                        + String.join(", ", net.inputNames()));
            }
        }
        for (String port : mapping.targets().keySet()) {
            if (!net.outputNames().contains(port)) {
                throw new IllegalArgumentException("The net has no output '" + port + "'; its outputs are "
                        + String.join(", ", net.outputNames()));
            }
        }
        List<String> ownLosses = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        for (int i = 0; i < net.outputNames().size(); i++) {
            (net.isLossOutput(i) ? ownLosses : predictions).add(net.outputNames().get(i));
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        List<String> unfed = new ArrayList<>();
        for (String port : net.inputNames()) {
            String column = mapping.inputs().get(port);
            if (column == null && data.columns().containsKey(port) && !mapping.targets().containsValue(port)) {
                column = port;
            }
            if (column == null) {
                unfed.add(port);
            } else {
                inputs.put(port, column);
                used.add(column);
            }
        }
        Map<String, String> targets = new LinkedHashMap<>();
        for (String port : predictions) {
            String column = mapping.targets().get(port);
            if (column == null && data.columns().containsKey(port) && !used.contains(port)) {
                column = port;
            }
            if (column != null) {
                targets.put(port, column);
                used.add(column);
            }
        }
        // The obvious default: one input left takes the features, one output left the targets.
        List<String> positions = new ArrayList<>();
        for (String port : List.copyOf(unfed)) {
            if (isPositions(port, net.inputTypes().get(net.inputNames().indexOf(port)))) {
                positions.add(port);
                unfed.remove(port);
            }
        }
        if (unfed.size() == 1 && data.columns().containsKey(ExampleTable.FEATURES) && !used.contains(ExampleTable.FEATURES)) {
            inputs.put(unfed.remove(0), ExampleTable.FEATURES);
            used.add(ExampleTable.FEATURES);
        }
        if (unfed.size() == 1 && ownLosses.size() > 0 && data.columns().containsKey(ExampleTable.TARGET)
                && !used.contains(ExampleTable.TARGET)) {
            inputs.put(unfed.remove(0), ExampleTable.TARGET);
            used.add(ExampleTable.TARGET);
        }
        List<String> untrained = new ArrayList<>(predictions);
        untrained.removeAll(targets.keySet());
        if (ownLosses.isEmpty() && untrained.size() == 1 && targets.isEmpty()
                && data.columns().containsKey(ExampleTable.TARGET) && !used.contains(ExampleTable.TARGET)) {
            targets.put(untrained.get(0), ExampleTable.TARGET);
            used.add(ExampleTable.TARGET);
            untrained.clear();
        }
        if (!unfed.isEmpty()) {
            String port = unfed.get(0);
            throw new IllegalArgumentException("The net's input '" + port + "' (" + describe(net, port)
                    + ") is fed by no column of '" + data.name() + "', which has " + columnList(data)
                    + "; map one to it (--input " + port + "=COLUMN)");
        }
        if (ownLosses.isEmpty() && targets.isEmpty()) {
            throw new IllegalArgumentException("The net has no loss layer and none of its outputs ("
                    + String.join(", ", predictions) + ") has a target column in '" + data.name() + "', which has "
                    + columnList(data) + "; map one (--target " + predictions.get(0) + "=COLUMN)");
        }
        ExampleTable grouped = withGroups(data, inputs.values(), targets.values());
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Column column = grouped.column(e.getValue()).orElseThrow(() -> new IllegalArgumentException(
                    "The data '" + data.name() + "' has no column '" + e.getValue() + "' for the net's input '"
                            + e.getKey() + "'; it has " + columnList(data)));
            String problem = ColumnFit.problem("The net's input '" + e.getKey() + "'",
                    net.inputTypes().get(net.inputNames().indexOf(e.getKey())), e.getValue(), column, data.name());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        for (Map.Entry<String, String> e : targets.entrySet()) {
            if (grouped.column(e.getValue()).isEmpty()) {
                throw new IllegalArgumentException("The data '" + data.name() + "' has no column '" + e.getValue()
                        + "' to train the output '" + e.getKey() + "' against; it has " + columnList(data));
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String port : ownLosses) {
            weights.put(port, mapping.lossWeights().getOrDefault(port, 1.0));
        }
        for (String port : targets.keySet()) {
            weights.put(port, mapping.lossWeights().getOrDefault(port, 1.0));
        }
        ExampleTable table = grouped;
        for (String port : positions) {
            String column = port;
            table = withPositions(net, table, inputs, port, column);
            inputs.put(port, column);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String port : net.inputNames()) {
            ordered.put(port, inputs.get(port));
        }
        return new Binding(table, ordered, targets, ownLosses, weights);
    }

    /** The table with the columns a mapping names from a CSV file's numeric columns ("x1,x2", "p0..p783"). */
    private static ExampleTable withGroups(ExampleTable data, java.util.Collection<String> inputs,
                                           java.util.Collection<String> targets) {
        ExampleTable table = data;
        List<String> named = new ArrayList<>(inputs);
        named.addAll(targets);
        for (String column : named) {
            if (table.column(column).isEmpty()) {
                Optional<Column> group = ColumnGroups.resolve(table, column);
                if (group.isPresent()) {
                    table = table.with(column, group.get());
                }
            }
        }
        return table;
    }

    /** The validation table with the columns the binding derived for the net. */
    private static ExampleTable derive(CompiledNet net, ExampleTable validation, Binding binding) {
        ExampleTable table = withGroups(validation, binding.inputs().values(), binding.targets().values());
        for (Map.Entry<String, String> e : binding.inputs().entrySet()) {
            if (validation.column(e.getValue()).isEmpty() && binding.data().column(e.getValue()).isPresent()
                    && isPositions(e.getKey(), net.inputTypes().get(net.inputNames().indexOf(e.getKey())))) {
                table = withPositions(net, table, binding.inputs(), e.getKey(), e.getValue());
            }
        }
        return table;
    }

    /** An input named like "Positions", taking a sequence of indices: each element's position. */
    private static boolean isPositions(String port, TensorType type) {
        return port.toLowerCase(Locale.ROOT).startsWith("position") && type.kind() instanceof ElementKind.Index
                && type.rankKnown() && type.rank() == 1 && type.dim(0) instanceof Dim.Symbolic;
    }

    /** Adds a column of positions 0 … length−1 of the sequence column that feeds another input of the same length. */
    private static ExampleTable withPositions(CompiledNet net, ExampleTable table, Map<String, String> inputs,
                                              String port, String column) {
        TensorType type = net.inputTypes().get(net.inputNames().indexOf(port));
        SequenceColumn source = null;
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            TensorType t = net.inputTypes().get(net.inputNames().indexOf(e.getKey()));
            if (!e.getKey().equals(port) && t.rankKnown() && t.rank() >= 1 && t.dim(0).equals(type.dim(0))
                    && table.column(e.getValue()).orElse(null) instanceof SequenceColumn s) {
                source = s;
                break;
            }
        }
        if (source == null) {
            throw new IllegalArgumentException("The net's input '" + port + "' takes positions, but no other input"
                    + " takes a sequence of the same length to count them in; map a column to it (--input " + port
                    + "=COLUMN)");
        }
        int range = ((ElementKind.Index) type.kind()).rangeKnown() ? ((ElementKind.Index) type.kind()).size()
                : Integer.MAX_VALUE;
        List<int[]> sequences = new ArrayList<>(source.size());
        for (int i = 0; i < source.size(); i++) {
            int n = source.length(i);
            if (n > range) {
                throw new IllegalArgumentException("Example " + i + " of '" + table.name() + "' is " + n
                        + " long, but the net's input '" + port + "' counts positions only up to " + range);
            }
            int[] p = new int[n];
            for (int j = 0; j < n; j++) {
                p[j] = j;
            }
            sequences.add(p);
        }
        Map<String, Column> columns = new LinkedHashMap<>(table.columns());
        columns.put(column, SequenceColumn.ofIndices(sequences, Math.min(range, Math.max(1, source.longest())),
                "positions"));
        return new ExampleTable(table.name(), columns, table.testSet(), table.classNames());
    }

    /** The loss for an output trained against its target column: cross-entropy for classes, else mean squared. */
    private static AttachedLoss lossFor(CompiledNet net, String output, Binding binding, LossKind asked) {
        Column column = binding.column(binding.targets().get(output));
        TensorType outType = net.outputTypes().get(net.outputNames().indexOf(output));
        TensorType target = ColumnFit.asPort(column, outType);
        boolean classes = (column instanceof TargetColumn t && t.targets() instanceof Targets.Classes)
                || (column instanceof SequenceColumn s && s.holdsIndices());
        if (classes) {
            int count = column instanceof TargetColumn t && t.targets() instanceof Targets.Classes c ? c.classCount() : 0;
            if (count > 0 && outType.isFullyKnown() && (outType.rank() != 1 || outType.elementCount() != count)) {
                throw new IllegalArgumentException("'" + binding.data().name() + "' has " + count + " classes, but the"
                        + " net's output '" + output + "' gives " + outType.describe() + "; a classifier for it ends in a"
                        + " vector of " + count + " (e.g. Linear with units " + count + ", then Softmax)");
            }
            if (asked == LossKind.MEAN_SQUARED) {
                throw new IllegalArgumentException("The mean-squared loss needs real targets, but the targets of the"
                        + " output '" + output + "' are classes; use cross-entropy (or automatic)");
            }
            return AttachedLoss.crossEntropy(output, target);
        }
        if (asked == LossKind.CROSS_ENTROPY) {
            throw new IllegalArgumentException("Cross-entropy loss needs class targets, but the targets of the output '"
                    + output + "' are real numbers; use the mean-squared loss (or automatic)");
        }
        return AttachedLoss.meanSquared(output, target);
    }

    /** The column whose lengths give a varying size: the first block input of that size. */
    private static String lengthColumn(CompiledNet training, List<String> columns, String size) {
        for (int i = 0; i < training.inputTypes().size(); i++) {
            TensorType t = training.inputTypes().get(i);
            if (t.rankKnown() && t.dims().contains(Dim.symbolic(size))) {
                return columns.get(i);
            }
        }
        throw new IllegalStateException("no input varies in " + size);
    }

    /** A fixed-shape column fed to a port of another fully known shape with as many values is reshaped to it. */
    private static ai.djl.ndarray.types.Shape reshapeFor(TensorType port, Column column) {
        if (!port.isFullyKnown() || column instanceof SequenceColumn || port.kind() instanceof ElementKind.Index) {
            return null;
        }
        long[] dims = new long[port.rank()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = port.dim(d).size();
        }
        return new ai.djl.ndarray.types.Shape(dims);
    }

    private static String describe(CompiledNet net, String port) {
        return net.inputTypes().get(net.inputNames().indexOf(port)).describe();
    }

    private static String columnList(ExampleTable data) {
        List<String> parts = new ArrayList<>();
        data.columns().forEach((name, c) -> parts.add("'" + name + "' (" + c.describe() + ")"));
        return parts.isEmpty() ? "no columns" : String.join(", ", parts);
    }

    private static String name(NetNode net) {
        return "netstudio-" + net.typeName().toLowerCase(Locale.ROOT);
    }
}
