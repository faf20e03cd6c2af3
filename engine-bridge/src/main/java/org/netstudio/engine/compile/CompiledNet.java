package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A net of the netgraph model as one DJL block, made by {@link NetCompiler}. It evaluates the
 * net's catalog layers in topological order over its wires; containers (chains, graphs, nested to
 * any depth) are dissolved, so they cost nothing at run time. A sequence operator (Map, Fold,
 * Bidirectional) is one step holding its inner nets, each compiled on its own, which it runs along
 * the sequence.
 *
 * <p><b>Tensors.</b> The block takes one tensor per net input and returns one per net output, in
 * the order of {@link NetNode#inputNames()} and {@link NetNode#outputNames()}. Each has the batch
 * as its first axis, then the per-example shape of the net model (channels first): an input
 * declared {@code 1×28×28} takes {@code (batch, 1, 28, 28)}; a loss output is {@code (batch)}, one
 * value per example. Real inputs of another type are converted to float32; index inputs may come
 * as integers or as floats holding whole numbers.
 *
 * <p><b>Parameters.</b> Each layer is a child block named after its node path (e.g.
 * {@code "block2/conv1"}), holding one parameter per catalog array with the catalog's name and
 * shape, so DJL's parameter names are stable ({@code "block2/conv1_weights"}) and {@link #arrays()}
 * maps them to weights-file keys ({@code "block2/conv1/weights"}); the layers inside an operator
 * keep their whole path ({@code "map1/net/linear1/weights"}). Initial values are drawn from
 * the compile seed per array (see {@link NetCompiler#compile(NetNode, long)}). Initialise with
 * DJL's {@link #initialize(NDManager, DataType, Shape...)} given batched input shapes, or with
 * {@link #initializeParameters(NDManager)} when the declared input types fix every array's shape.
 *
 * <p><b>Threads.</b> Initialising, training and loading values must be confined to one thread at
 * a time. Once initialised, inference passes ({@code training = false}) may run on several threads
 * at once, as the block keeps no per-call state.
 */
public final class CompiledNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NetNode net;
    private final InferenceResult inference;
    private final NetPlan plan;
    private final long seed;
    private final StepBlock[] blocks;
    /** Where the net sits: the root, or for an operator's inner net its path ("map1/net"). */
    private final NodePath root;
    private final int[] outputWires;
    /** Indices of the steps the outputs need, in evaluation order. */
    private final int[] live;
    private final List<String> blockInputNames;
    private final List<TensorType> inputTypes;
    /** The names of the varying (symbolic) sizes of the inputs, in the order their lengths follow the inputs. */
    private final List<String> varyingSizes;
    /** Per step, per input port, per tensor axis: the index into {@link #varyingSizes}, or -1. */
    private final int[][][] stepVarying;

    CompiledNet(NetNode net, InferenceResult inference, NetPlan plan, long seed) {
        this(net, NodePath.ROOT, inference, plan, seed);
    }

    /** The net at {@code root} (an operator's inner net, inferred on its own there), compiled. */
    CompiledNet(NetNode net, NodePath root, InferenceResult inference, NetPlan plan, long seed) {
        this(net, root, inference, plan, seed, createBlocks(plan, seed, new StepBlock[0]), plan.outputs(),
                net.inputNames(), netInputTypes(net, root, inference));
    }

    private CompiledNet(NetNode net, NodePath root, InferenceResult inference, NetPlan plan, long seed,
                        StepBlock[] blocks, int[] outputWires, List<String> inputNames, List<TensorType> inputTypes) {
        super(VERSION);
        this.net = net;
        this.root = root;
        this.inference = inference;
        this.plan = plan;
        this.seed = seed;
        this.blocks = blocks;
        this.outputWires = outputWires;
        List<NetPlan.Step> needed = plan.needed(outputWires);
        this.live = new int[needed.size()];
        for (int i = 0, j = 0; i < plan.steps().size(); i++) {
            if (j < live.length && plan.steps().get(i) == needed.get(j)) {
                live[j++] = i;
            }
        }
        this.blockInputNames = List.copyOf(inputNames);
        this.inputTypes = List.copyOf(inputTypes);
        this.inputNames = new ArrayList<>(inputNames);
        List<String> varying = new ArrayList<>();
        for (TensorType t : inputTypes) {
            if (t.rankKnown()) {
                for (Dim d : t.dims()) {
                    if (d instanceof Dim.Symbolic sym && !varying.contains(sym.name())) {
                        varying.add(sym.name());
                    }
                }
            }
        }
        this.varyingSizes = List.copyOf(varying);
        this.stepVarying = new int[plan.steps().size()][][];
        for (int i = 0; i < stepVarying.length; i++) {
            List<TensorType> ins = plan.steps().get(i).inputTypes();
            stepVarying[i] = new int[ins.size()][];
            for (int port = 0; port < ins.size(); port++) {
                TensorType t = ins.get(port);
                int rank = t.rankKnown() ? t.rank() : 0;
                int[] axes = new int[rank + 1];
                Arrays.fill(axes, -1);
                for (int d = 0; d < rank; d++) {
                    if (t.dim(d) instanceof Dim.Symbolic sym) {
                        axes[d + 1] = varying.indexOf(sym.name());
                    }
                }
                stepVarying[i][port] = axes;
            }
        }
        for (int i = 0; i < blocks.length; i++) {
            NetPlan.Step step = plan.steps().get(i);
            children.add(step.path().isRoot() ? step.type() : step.path().toString(), blocks[i]);
        }
    }

    private static List<TensorType> netInputTypes(NetNode net, NodePath root, InferenceResult inference) {
        List<TensorType> types = new ArrayList<>();
        for (String name : net.inputNames()) {
            types.add(inference.inputType(root, name));
        }
        return types;
    }

    /** Blocks for the plan's steps: those already made are kept (they hold the parameters), the rest made. */
    private static StepBlock[] createBlocks(NetPlan plan, long seed, StepBlock[] existing) {
        StepBlock[] blocks = new StepBlock[plan.steps().size()];
        System.arraycopy(existing, 0, blocks, 0, existing.length);
        for (int i = existing.length; i < blocks.length; i++) {
            NetPlan.Step step = plan.steps().get(i);
            blocks[i] = step.operator() != null ? OperatorBlock.of(step.operator(), seed)
                    : new LayerBlock(step.path(), step.info(), seed, step.fromLogits());
        }
        return blocks;
    }

    /** The net this block computes. */
    public NetNode net() {
        return net;
    }

    /** What inference found about the net (from its declared types, without the batch axis). */
    public InferenceResult inference() {
        return inference;
    }

    /**
     * The block's input names, in the order it takes them: the net's inputs, then (for a net
     * {@linkplain #withLosses made for training}) one target per attached loss.
     */
    public List<String> inputNames() {
        return blockInputNames;
    }

    /**
     * The names of the varying sizes of the inputs ({@code "n"} for a sequence {@code n×20}), in
     * the order their lengths may follow the inputs: a call with one int64 {@code (batch)} array
     * of lengths per name after the inputs runs a padded batch as if each example ran alone.
     */
    public List<String> varyingSizes() {
        return varyingSizes;
    }

    /** The net's output names, in the order the block returns its outputs. */
    public List<String> outputNames() {
        return net.outputNames();
    }

    /** The inferred per-example type of each net input (its sizes may be only partly known). */
    public List<TensorType> inputTypes() {
        return inputTypes;
    }

    /** The inferred per-example type of each net output. */
    public List<TensorType> outputTypes() {
        List<TensorType> out = new ArrayList<>();
        for (String name : net.outputNames()) {
            out.add(inference.outputType(root, name));
        }
        return out;
    }

    /** Every learnable and state array, layer by layer in evaluation order, each layer's in catalog order. */
    public List<NetArray> arrays() {
        List<NetArray> out = new ArrayList<>();
        for (StepBlock b : blocks) {
            out.addAll(b.arrays());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Makes the batch-norm layers whose path {@code fixed} accepts (the frozen ones of a training
     * run) normalise with their moving statistics and keep them while training; {@code p -> false}
     * undoes it. Shared by every form of this net ({@link #withLogitOutputs()}, {@link #withLosses}).
     *
     * @param fixed which layer paths to fix
     */
    public void fixStatistics(java.util.function.Predicate<NodePath> fixed) {
        for (StepBlock b : blocks) {
            b.fixStatistics(fixed);
        }
    }

    /** The array with this weights key ({@code "<node path>/<array name>"}), if the net has it. */
    public Optional<NetArray> array(String key) {
        return arrays().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** Whether output {@code index} comes straight from a Softmax over the last axis. */
    public boolean outputIsSoftmax(int index) {
        NetPlan.Step p = plan.producer(outputWires[index]);
        return p != null && p.isLastAxisSoftmax();
    }

    /**
     * The same net, sharing this block's parameters, except that every output that comes straight
     * from a Softmax over the last axis gives the scores before it (logits). This is what training
     * with a fused log-softmax cross-entropy needs; the net itself keeps its Softmax. Initialising
     * either block initialises both.
     */
    public CompiledNet withLogitOutputs() {
        int[] wires = outputWires.clone();
        for (int i = 0; i < wires.length; i++) {
            if (outputIsSoftmax(i)) {
                wires[i] = plan.producer(wires[i]).in()[0];
            }
        }
        return new CompiledNet(net, root, inference, plan, seed, blocks, wires, blockInputNames, inputTypes);
    }

    /**
     * The net made ready for training, sharing this block's parameters: each attached loss is a
     * catalog loss layer that reads one of the net's outputs and a new target input, so training
     * and the losses a person draws are one implementation. The block's inputs are this block's
     * followed by one target per loss (named {@link AttachedLoss#targetName()}); its outputs are,
     * in order, the net's own loss outputs, the attached losses, then the given prediction outputs
     * (scores before a final Softmax, whose argmax is the same).
     *
     * @param losses      the losses to attach, on outputs that are not losses themselves
     * @param predictions the outputs to return besides the losses, for metrics
     * @throws IllegalArgumentException when a loss does not fit its output and target, with the catalog's reason
     */
    public CompiledNet withLosses(List<AttachedLoss> losses, List<String> predictions) {
        NetPlan attached = plan.withAttachedLosses(losses, net.outputNames(), inference).withFusedLosses();
        StepBlock[] all = createBlocks(attached, seed, blocks);
        List<String> names = new ArrayList<>(blockInputNames);
        List<TensorType> types = new ArrayList<>(inputTypes);
        for (AttachedLoss loss : losses) {
            names.add(loss.targetName());
            types.add(loss.targetType());
        }
        int netOutputs = net.outputNames().size();
        int[] planOutputs = attached.outputs();
        List<Integer> wires = new ArrayList<>();
        for (int i = 0; i < netOutputs; i++) {
            if (isLossOutput(i)) {
                wires.add(planOutputs[i]);
            }
        }
        for (int i = netOutputs; i < planOutputs.length; i++) {
            wires.add(planOutputs[i]);
        }
        for (String p : predictions) {
            int i = net.outputNames().indexOf(p);
            if (i < 0) {
                throw new IllegalArgumentException("The net has no output '" + p + "'; it has " + net.outputNames());
            }
            NetPlan.Step producer = attached.producer(planOutputs[i]);
            wires.add(producer != null && producer.isLastAxisSoftmax() ? producer.in()[0] : planOutputs[i]);
        }
        return new CompiledNet(net, root, inference, attached, seed, all,
                wires.stream().mapToInt(Integer::intValue).toArray(), names, types);
    }

    /** Whether net output {@code index} comes from a loss layer of the net itself. */
    public boolean isLossOutput(int index) {
        NetPlan.Step p = plan.producer(plan.outputs()[index]);
        return p != null && p.layer() != null
                && p.layer().layerType().category() == org.netstudio.netgraph.catalog.Category.LOSS;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        return run(store, inputs, training, null);
    }

    /**
     * Runs the net as {@link #forward(ParameterStore, NDList, boolean)} does, showing each step's
     * outputs to a watch as they are made: to read the value of any port, to check where a value
     * first stops being finite, or to replace a port's value (e.g. by a leaf that collects its
     * gradient) for the steps after it.
     *
     * @param store    the parameter store
     * @param inputs   the inputs, as for {@code forward} (lengths of padded sequences after them)
     * @param training whether to run in training mode
     * @param watch    sees every step of the flattened net in evaluation order
     * @return the net's outputs
     */
    public NDList forward(ParameterStore store, NDList inputs, boolean training, StepWatch watch) {
        return run(store, inputs, training, java.util.Objects.requireNonNull(watch, "watch"));
    }

    /** Sees the steps of a net as it runs; see {@link #forward(ParameterStore, NDList, boolean, StepWatch)}. */
    @FunctionalInterface
    public interface StepWatch {
        /**
         * Called after a step.
         *
         * @param step    the step's node, as a path from the net's root (containers dissolved)
         * @param type    the step's layer type ("Convolution") or operator ("Map")
         * @param outputs the step's outputs, in port order
         * @return the outputs the later steps read: {@code outputs}, or replacements of the same shapes
         */
        NDList after(NodePath step, String type, NDList outputs);
    }

    private NDList run(ParameterStore store, NDList inputs, boolean training, StepWatch watch) {
        int[] in = plan.inputs();
        boolean padded = inputs.size() == in.length + varyingSizes.size() && !varyingSizes.isEmpty();
        if (inputs.size() != in.length && !padded) {
            throw new IllegalArgumentException("The net takes " + in.length + " input" + (in.length == 1 ? "" : "s")
                    + " " + blockInputNames + (varyingSizes.isEmpty() ? "" : " (and optionally the lengths of "
                    + varyingSizes + ")") + ", but got " + inputs.size());
        }
        NDArray[] wires = new NDArray[plan.wireCount()];
        for (int i = 0; i < in.length; i++) {
            wires[in[i]] = conform(i, inputs.get(i));
        }
        NDArray[] lengths = null;
        if (padded) {
            lengths = new NDArray[varyingSizes.size()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = Kernels.indices(inputs.get(in.length + i));
            }
        }
        for (int index : live) {
            NetPlan.Step step = plan.steps().get(index);
            NDList stepOut = blocks[index].apply(store, stepInputs(step, wires), training, lengthsOf(index, lengths));
            if (watch != null) {
                stepOut = watch.after(step.path(), step.type(), stepOut);
            }
            setStepOutputs(step, stepOut, wires);
        }
        return netOutputs(wires);
    }

    /**
     * Runs the net in inference mode carrying its recurrent state from call to call: each
     * recurrent layer starts where it ended in the last call with the same carry, and the carry
     * is updated. For generating a sequence one element at a time without running it all again.
     * The inputs hold one example (or a batch whose examples all continue); no lengths.
     *
     * @param store  the parameter store
     * @param inputs one array per net input
     * @param carry  the state, read and updated
     * @return the net's outputs
     */
    public NDList forward(ParameterStore store, NDList inputs, Carry carry) {
        int[] in = plan.inputs();
        if (inputs.size() != in.length) {
            throw new IllegalArgumentException("The net takes " + in.length + " input(s) " + blockInputNames
                    + ", but got " + inputs.size());
        }
        NDArray[] wires = new NDArray[plan.wireCount()];
        for (int i = 0; i < in.length; i++) {
            wires[in[i]] = conform(i, inputs.get(i));
        }
        for (int index : live) {
            NetPlan.Step step = plan.steps().get(index);
            NDList stepIn = stepInputs(step, wires);
            NDList stepOut;
            if (blocks[index].isRecurrent()) {
                LayerKernel.Recurrent.Stepped s = blocks[index].step(store, stepIn, carry.get(step.path()));
                carry.put(step.path(), s.state());
                stepOut = s.outputs();
            } else {
                stepOut = blocks[index].apply(store, stepIn, false);
            }
            setStepOutputs(step, stepOut, wires);
        }
        return netOutputs(wires);
    }

    /** The arrays on a step's input wires. */
    private static NDList stepInputs(NetPlan.Step step, NDArray[] wires) {
        NDList stepIn = new NDList(step.in().length);
        for (int w : step.in()) {
            stepIn.add(wires[w]);
        }
        return stepIn;
    }

    /** Puts a step's outputs on its output wires. */
    private static void setStepOutputs(NetPlan.Step step, NDList stepOut, NDArray[] wires) {
        int[] out = step.out();
        for (int j = 0; j < out.length; j++) {
            wires[out[j]] = stepOut.get(j);
        }
    }

    /** The arrays on the net's output wires, in port order. */
    private NDList netOutputs(NDArray[] wires) {
        NDList result = new NDList(outputWires.length);
        for (int w : outputWires) {
            result.add(wires[w]);
        }
        return result;
    }

    /** The lengths of a step's varying input axes in a padded batch, or {@link Lengths#NONE}. */
    private Lengths lengthsOf(int step, NDArray[] lengths) {
        if (lengths == null) {
            return Lengths.NONE;
        }
        int[][] ports = stepVarying[step];
        NDArray[][] byPort = null;
        for (int port = 0; port < ports.length; port++) {
            for (int axis = 0; axis < ports[port].length; axis++) {
                int size = ports[port][axis];
                if (size >= 0) {
                    if (byPort == null) {
                        byPort = new NDArray[ports.length][];
                    }
                    if (byPort[port] == null) {
                        byPort[port] = new NDArray[ports[port].length];
                    }
                    byPort[port][axis] = lengths[size];
                }
            }
        }
        return byPort == null ? Lengths.NONE : new Lengths(byPort);
    }

    /** Checks an input against its declared type and brings real inputs to float32. */
    private NDArray conform(int index, NDArray x) {
        TensorType t = inputTypes.get(index);
        Shape s = x.getShape();
        boolean fits = !t.rankKnown() || s.dimension() == t.rank() + 1;
        for (int d = 0; fits && t.rankKnown() && d < t.rank(); d++) {
            Dim dim = t.dim(d);
            fits = !dim.isFixed() || dim.size() == s.get(d + 1);
        }
        if (!fits) {
            throw new IllegalArgumentException("The net's input '" + blockInputNames.get(index) + "' takes a batch of "
                    + "examples that are each " + t.describe() + ", shape " + batchText(t) + ", but got " + s);
        }
        if (t.kind() instanceof ElementKind.Real && x.getDataType() != DataType.FLOAT32) {
            return x.toType(DataType.FLOAT32, false);
        }
        return x;
    }

    private static String batchText(TensorType t) {
        StringBuilder sb = new StringBuilder("(batch");
        for (Dim d : t.dims()) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] wires = propagate(inputShapes, null, null);
        Shape[] out = new Shape[outputWires.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = wires[outputWires[i]];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        propagate(inputShapes, manager, dataType);
    }

    /** Shapes of every wire for batched input shapes; initialises each layer on the way when a manager is given. */
    private Shape[] propagate(Shape[] inputShapes, NDManager manager, DataType dataType) {
        int[] in = plan.inputs();
        if (inputShapes.length != in.length && inputShapes.length != in.length + varyingSizes.size()) {
            throw new IllegalArgumentException("The net takes " + in.length + " input(s) " + blockInputNames
                    + ", but got " + inputShapes.length + " shape(s)");
        }
        Shape[] wires = new Shape[plan.wireCount()];
        for (int i = 0; i < in.length; i++) {
            wires[in[i]] = inputShapes[i];
        }
        List<NetPlan.Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            NetPlan.Step step = steps.get(i);
            Shape[] stepIn = new Shape[step.in().length];
            for (int j = 0; j < stepIn.length; j++) {
                stepIn[j] = Objects.requireNonNull(wires[step.in()[j]], "unconnected wire");
            }
            if (manager != null) {
                blocks[i].initialize(manager, dataType, stepIn);
            }
            Shape[] stepOut = blocks[i].getOutputShapes(stepIn);
            for (int j = 0; j < stepOut.length; j++) {
                wires[step.out()[j]] = stepOut[j];
            }
        }
        return wires;
    }

    /**
     * Initialises every array not yet initialised with its seeded initial values, taking shapes
     * from inference (the net's declared input types).
     *
     * @param manager owns the arrays (and sets their device)
     * @throws IllegalStateException when an array's shape depends on an input size the net does
     *                               not declare; then initialise with input shapes instead
     */
    public void initializeParameters(NDManager manager) {
        initializeParameters(manager, Map.of());
    }

    /**
     * Initialises every array not yet initialised, with shapes from inference or, for arrays
     * inference cannot size, from {@code shapes}.
     *
     * @param manager owns the arrays
     * @param shapes  array shapes by weights key; each must agree with inference where it knows
     * @throws IllegalArgumentException when a given shape contradicts inference
     * @throws IllegalStateException    when an array's shape is known neither way
     */
    public void initializeParameters(NDManager manager, Map<String, Shape> shapes) {
        Map<String, Shape> given = new HashMap<>(shapes);
        for (NetArray a : arrays()) {
            if (a.parameter().isInitialized()) {
                continue;
            }
            Shape shape = given.get(a.key());
            if (shape != null && a.knownShape() != null && !shape.equals(a.knownShape())) {
                throw new IllegalArgumentException("Array " + a.key() + " must have shape " + a.knownShape()
                        + ", but " + shape + " was given");
            }
            if (shape == null) {
                shape = a.knownShape();
            }
            if (shape == null) {
                throw new IllegalStateException("The shape of array " + a.key() + " depends on an input size the net "
                        + "does not declare; declare the input's shape or initialise with input shapes");
            }
            a.parameter().setShape(shape);
            a.parameter().initialize(manager, DataType.FLOAT32);
        }
        if (inputShapes == null && inputTypes.stream().allMatch(TensorType::isFullyKnown)) {
            inputShapes = inputTypes.stream().map(t -> LayerBlock.batched(1, t)).toArray(Shape[]::new);
        }
    }

    /** Every array has values (a net without arrays always has). */
    @Override
    public boolean isInitialized() {
        return Arrays.stream(blocks).allMatch(StepBlock::isInitialized);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        if (inputShapes == null) {
            os.writeInt(0);
        } else {
            saveInputShapes(os);
        }
    }

    @Override
    public String toString() {
        return "CompiledNet[" + net.typeName() + ", " + blocks.length + " layers, inputs " + net.inputNames()
                + ", outputs " + net.outputNames() + "]";
    }
}
