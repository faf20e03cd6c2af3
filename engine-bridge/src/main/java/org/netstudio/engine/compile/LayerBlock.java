package org.netstudio.engine.compile;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One catalog layer as a DJL block: its arrays are parameters named after the catalog's array
 * names ({@code weights}, {@code biases}, {@code gamma}…), shaped as its ArraySpecs, and its
 * shapes come from the catalog's own shape and array rules applied to concrete input shapes, so
 * the engine and the model can never disagree about them.
 */
final class LayerBlock extends StepBlock {

    private static final byte VERSION = 1;

    private final NodePath path;
    private final LayerInfo info;
    private final LayerType type;
    private final Params params;
    private final List<ArraySpec> specs;
    private final Parameter[] arrays;
    private final LayerKernel kernel;
    /** Whether the layer has state training updates without gradients (batch-norm moving statistics). */
    private final boolean hasState;
    /** Set while a run trains with this layer frozen: its kernel then runs as in inference. */
    private volatile boolean statisticsFixed;

    LayerBlock(NodePath path, LayerInfo info, long seed, boolean fromLogits) {
        super(VERSION);
        this.path = path;
        this.info = info;
        this.type = info.layer().layerType();
        this.params = info.params();
        this.specs = info.arrays();
        this.kernel = Kernels.of(type.name(), params, fromLogits);
        this.arrays = new Parameter[specs.size()];
        Parameter weights = null;
        for (int i = 0; i < specs.size(); i++) {
            ArraySpec spec = specs.get(i);
            Parameter fanSource = weights;
            SeededInitializer init = new SeededInitializer(seed, Weights.key(path, spec.name()),
                    SeededInitializer.ruleFor(type.name(), spec.name()),
                    spec.name().equals("weights") || fanSource == null ? null : fanSource::getShape);
            arrays[i] = addParameter(Parameter.builder()
                    .setName(spec.name())
                    .setType(parameterType(spec))
                    .optRequiresGrad(spec.trainable())
                    .optInitializer(init)
                    .build());
            if (spec.name().equals("weights")) {
                weights = arrays[i];
            }
        }
        this.hasState = specs.stream().anyMatch(spec -> !spec.trainable());
    }

    @Override
    void fixStatistics(java.util.function.Predicate<NodePath> fixed) {
        statisticsFixed = hasState && fixed.test(path);
    }

    private static Parameter.Type parameterType(ArraySpec spec) {
        return switch (spec.name()) {
            case "gamma" -> Parameter.Type.GAMMA;
            case "beta" -> Parameter.Type.BETA;
            case "movingMean" -> Parameter.Type.RUNNING_MEAN;
            case "movingVar" -> Parameter.Type.RUNNING_VAR;
            default -> spec.name().toLowerCase(java.util.Locale.ROOT).contains("bias") ? Parameter.Type.BIAS
                    : Parameter.Type.WEIGHT;
        };
    }

    NodePath path() {
        return path;
    }

    LayerInfo info() {
        return info;
    }

    List<ArraySpec> specs() {
        return specs;
    }

    Parameter array(int i) {
        return arrays[i];
    }

    /** Runs the layer on a padded batch whose varying axes have these lengths. */
    @Override
    NDList apply(ParameterStore store, NDList inputs, boolean trainingRun, Lengths lengths) {
        // A frozen batch norm normalises with its moving statistics and keeps them, as in inference.
        boolean training = trainingRun && !statisticsFixed;
        NDArray[] values = values(store, inputs, training);
        if (lengths != Lengths.NONE && kernel instanceof LayerKernel.Masked masked) {
            return masked.forward(inputs, values, training, lengths);
        }
        return kernel.forward(inputs, values, training);
    }

    private NDArray[] values(ParameterStore store, NDList inputs, boolean training) {
        NDArray[] values = new NDArray[arrays.length];
        if (values.length > 0) {
            Device device = inputs.head().getDevice();
            for (int i = 0; i < values.length; i++) {
                values[i] = store.getValue(arrays[i], device, training);
            }
        }
        return values;
    }

    /** Whether the layer carries a state through a sequence that a later call can start from. */
    @Override
    boolean isRecurrent() {
        return kernel instanceof LayerKernel.Recurrent;
    }

    /** Runs a recurrent layer from a state (null: zeros) in inference mode; see {@link Carry}. */
    @Override
    LayerKernel.Recurrent.Stepped step(ParameterStore store, NDList inputs, NDList state) {
        return ((LayerKernel.Recurrent) kernel).step(inputs, values(store, inputs, false), state);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        return apply(store, inputs, training);
    }

    @Override
    List<NetArray> arrays() {
        List<NetArray> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            out.add(new NetArray(path, specs.get(i).name(), specs.get(i).trainable(), arrays[i], knownShape(i)));
        }
        return out;
    }

    /** Every array has values (a layer without arrays always has). */
    @Override
    public boolean isInitialized() {
        return Arrays.stream(arrays).allMatch(Parameter::isInitialized);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<TensorType> outs = outputTypes(inputShapes);
        long batch = inputShapes[0].get(0);
        Shape[] shapes = new Shape[outs.size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = batched(batch, outs.get(i));
        }
        return shapes;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        List<TensorType> ins = inputTypes(inputShapes);
        List<ArraySpec> concrete = type.arrayRule().arrays(params, ins, outputTypes(inputShapes));
        for (int i = 0; i < arrays.length; i++) {
            if (!arrays[i].isInitialized()) {
                arrays[i].setShape(fixedShape(concrete.get(i)));
            }
        }
    }

    /** The shape of an array as inference knows it from the declared input types, or null. */
    Shape knownShape(int i) {
        ArraySpec spec = specs.get(i);
        return spec.size() < 0 ? null : fixedShape(spec);
    }

    private Shape fixedShape(ArraySpec spec) {
        long[] dims = new long[spec.shape().size()];
        for (int d = 0; d < dims.length; d++) {
            Dim dim = spec.shape().get(d);
            if (!dim.isFixed()) {
                throw new IllegalArgumentException("The size of array '" + spec.name() + "' of " + info.where()
                        + " is not known (" + spec.shapeText() + ")");
            }
            dims[d] = dim.size();
        }
        return new Shape(dims);
    }

    /** Per-example input types for batched shapes, with the element kinds inference found. */
    private List<TensorType> inputTypes(Shape[] inputShapes) {
        if (inputShapes.length != info.inputs().size()) {
            throw new IllegalArgumentException(capitalized(info.where()) + " takes " + info.inputs().size()
                    + " input(s), but got " + inputShapes.length);
        }
        List<TensorType> types = new ArrayList<>(inputShapes.length);
        for (int i = 0; i < inputShapes.length; i++) {
            List<Dim> dims = new ArrayList<>();
            for (int d = 1; d < inputShapes[i].dimension(); d++) {
                dims.add(Dim.of((int) inputShapes[i].get(d)));
            }
            TensorType t = new TensorType(info.inputs().get(i).kind(), dims);
            String port = info.layer().inputNames().get(i);
            if (type.inputSpec(port).requirement().check(t) instanceof PortRequirement.Mismatch m) {
                throw new IllegalArgumentException(port + " of " + info.where() + " cannot take a batch of shape "
                        + inputShapes[i] + ": " + m.reason());
            }
            types.add(t);
        }
        return types;
    }

    /** Per-example output types for batched input shapes; throws with the catalog's reason when they do not fit. */
    List<TensorType> outputTypes(Shape[] inputShapes) {
        List<TensorType> ins = inputTypes(inputShapes);
        ShapeRule.Outcome outcome = type.shapeRule().infer(params, ins);
        if (outcome instanceof ShapeRule.Rejected r) {
            throw new IllegalArgumentException(capitalized(info.where()) + " cannot take inputs of shape "
                    + java.util.Arrays.toString(inputShapes) + ": " + r.message());
        }
        return ((ShapeRule.Inferred) outcome).outputs();
    }

    static Shape batched(long batch, TensorType t) {
        long[] dims = new long[t.rank() + 1];
        dims[0] = batch;
        for (int d = 0; d < t.rank(); d++) {
            Dim dim = t.dim(d);
            dims[d + 1] = dim.isFixed() ? dim.size() : -1;
        }
        return new Shape(dims);
    }

    static String capitalized(String s) {
        return s.isEmpty() || s.charAt(0) == '\'' ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String toString() {
        return path + " (" + type.name() + ")";
    }
}
