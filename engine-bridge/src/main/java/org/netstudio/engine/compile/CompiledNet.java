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
 * any depth) are dissolved, so they cost nothing at run time.
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
 * maps them to weights-file keys ({@code "block2/conv1/weights"}). Initial values are drawn from
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
    private final LayerBlock[] blocks;
    private final int[] outputWires;
    /** Indices of the steps the outputs need, in evaluation order. */
    private final int[] live;
    private final List<TensorType> inputTypes;

    CompiledNet(NetNode net, InferenceResult inference, NetPlan plan, long seed) {
        this(net, inference, plan, seed, createBlocks(plan, seed), plan.outputs());
    }

    private CompiledNet(NetNode net, InferenceResult inference, NetPlan plan, long seed, LayerBlock[] blocks,
                        int[] outputWires) {
        super(VERSION);
        this.net = net;
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
        List<TensorType> types = new ArrayList<>();
        for (String name : net.inputNames()) {
            types.add(inference.inputType(NodePath.ROOT, name));
        }
        this.inputTypes = List.copyOf(types);
        this.inputNames = new ArrayList<>(net.inputNames());
        for (int i = 0; i < blocks.length; i++) {
            NetPlan.Step step = plan.steps().get(i);
            children.add(step.path().isRoot() ? step.type() : step.path().toString(), blocks[i]);
        }
    }

    private static LayerBlock[] createBlocks(NetPlan plan, long seed) {
        LayerBlock[] blocks = new LayerBlock[plan.steps().size()];
        for (int i = 0; i < blocks.length; i++) {
            NetPlan.Step step = plan.steps().get(i);
            blocks[i] = new LayerBlock(step.path(), step.info(), seed, step.fromLogits());
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

    /** The seed of the initial values. */
    public long seed() {
        return seed;
    }

    /** The net's input names, in the order the block takes its inputs. */
    public List<String> inputNames() {
        return net.inputNames();
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
            out.add(inference.outputType(NodePath.ROOT, name));
        }
        return out;
    }

    /** Every learnable and state array, layer by layer in evaluation order, each layer's in catalog order. */
    public List<NetArray> arrays() {
        List<NetArray> out = new ArrayList<>();
        for (LayerBlock b : blocks) {
            for (int i = 0; i < b.specs().size(); i++) {
                out.add(new NetArray(b.path(), b.specs().get(i).name(), b.specs().get(i).trainable(), b.array(i),
                        b.knownShape(i)));
            }
        }
        return Collections.unmodifiableList(out);
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
        return new CompiledNet(net, inference, plan, seed, blocks, wires);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        int[] in = plan.inputs();
        if (inputs.size() != in.length) {
            throw new IllegalArgumentException("The net takes " + in.length + " input" + (in.length == 1 ? "" : "s")
                    + " " + net.inputNames() + ", but got " + inputs.size());
        }
        NDArray[] wires = new NDArray[plan.wireCount()];
        for (int i = 0; i < in.length; i++) {
            wires[in[i]] = conform(i, inputs.get(i));
        }
        for (int index : live) {
            NetPlan.Step step = plan.steps().get(index);
            NDList stepIn = new NDList(step.in().length);
            for (int w : step.in()) {
                stepIn.add(wires[w]);
            }
            NDList stepOut = blocks[index].apply(store, stepIn, training);
            int[] out = step.out();
            for (int j = 0; j < out.length; j++) {
                wires[out[j]] = stepOut.get(j);
            }
        }
        NDList result = new NDList(outputWires.length);
        for (int w : outputWires) {
            result.add(wires[w]);
        }
        return result;
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
            throw new IllegalArgumentException("The net's input '" + net.inputNames().get(index) + "' takes a batch of "
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
        if (inputShapes.length != in.length) {
            throw new IllegalArgumentException("The net takes " + in.length + " input(s) " + net.inputNames()
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
        for (LayerBlock b : blocks) {
            if (!b.isInitialized()) {
                return false;
            }
        }
        return true;
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
