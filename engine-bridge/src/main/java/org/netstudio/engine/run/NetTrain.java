package org.netstudio.engine.run;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.LossKind;
import org.netstudio.engine.train.NetTrainer;
import org.netstudio.engine.train.TrainingListener;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingRun;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Trains a net of the netgraph model in one call, after the Wolfram Language's {@code NetTrain}.
 *
 * <p><b>The loss is attached automatically.</b> Class targets get cross-entropy: when the net
 * ends in a Softmax, training runs the net without it and computes the cross-entropy from the
 * scores before it as one numerically stable log-softmax, while the returned net keeps its Softmax
 * and outputs probabilities. Real-valued targets get the mean squared error. Options may ask for
 * a loss explicitly ({@link TrainingOptions#loss()}).
 *
 * <p>The net takes one input and gives one output, without loss layers of its own; its input
 * holds one example of the dataset (a {@code 1×28×28} input takes 784 features). Training runs
 * through {@link TrainingRun} (optimisers, schedules, validation, best epoch, stop, NaN
 * handling); initial values come from the options' seed.
 *
 * <p>Stateless and thread-safe; each training owns its native memory.
 */
public final class NetTrain {

    private NetTrain() {
    }

    /**
     * Trains a net on the calling thread.
     *
     * @param net      the net, valid, one input and one output
     * @param data     the training data (also the validation data unless the options give a set)
     * @param options  the options
     * @param listener receives the events, or null
     * @return the trained net; after a failure, the best weights so far and the message
     * @throws IllegalArgumentException when the net, data and options do not fit together
     */
    public static TrainedNet train(NetNode net, Dataset data, TrainingOptions options, TrainingListener listener) {
        NetTraining training = prepare(net, null, data, options);
        if (listener != null) {
            training.addListener(listener);
        }
        return training.run();
    }

    /**
     * Prepares a training, to run on any thread and stop at will.
     *
     * @param net     the net, valid, one input and one output
     * @param initial weights to start from (fine-tuning), or null for the seeded initial values;
     *                arrays they lack or hold in another shape (a layer added or resized since)
     *                start from their seeded values, see {@link NetTraining#freshArrays()}
     * @param data    the training data
     * @param options the options
     * @return the training, not started
     * @throws IllegalArgumentException when the net, data, weights and options do not fit together
     * @throws org.netstudio.engine.compile.InvalidNetException when the net is not valid
     */
    public static NetTraining prepare(NetNode net, Weights initial, Dataset data, TrainingOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        CompiledNet compiled = NetCompiler.compile(net, options.seed());
        checkShape(compiled);
        LossKind loss = options.loss().resolve(data.targets());
        boolean fuse = loss == LossKind.CROSS_ENTROPY && compiled.outputIsSoftmax(0);
        CompiledNet trained = fuse ? compiled.withLogitOutputs() : compiled;
        Model model = NetTrainer.newModel(name(net), trained, options.device());
        try {
            List<String> fresh = List.of();
            if (initial != null) {
                fresh = NetWeights.loadFitting(compiled, initial, model.getNDManager());
            }
            TrainingRun run = NetTrainer.prepare(model, inputShape(compiled, data), data, options);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("dataset", data.name());
            metadata.put("seed", Long.toString(options.seed()));
            return new NetTraining(net, compiled, model, run, loss, fuse, metadata, fresh);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Checks, without preparing a training, that a net can be trained on a dataset: the net is
     * valid, has one input and one output and no loss layer, its input holds one example, and its
     * output has one value per class (class targets) or per target value (real targets). Cheap
     * (compiles the net, allocates no native memory); for a trainer panel to explain a mismatch
     * before Train is pressed. Sizes the net leaves open are not checked here.
     *
     * @param net  the net
     * @param data the dataset
     * @return a message for people when they do not fit, else empty
     */
    public static Optional<String> checkFit(NetNode net, Dataset data) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(data, "data");
        try {
            CompiledNet compiled = NetCompiler.compile(net, 0);
            checkShape(compiled);
            TensorType in = compiled.inputTypes().get(0);
            if (in.isFullyKnown() && in.elementCount() != data.featureLength()) {
                return Optional.of("The net takes inputs of shape " + in.shapeText() + " ("
                        + in.elementCount() + " values), but the examples of '" + data.name() + "' have "
                        + data.featureLength() + " values");
            }
            TensorType out = compiled.outputTypes().get(0);
            long wanted = data.targets() instanceof Targets.Classes c ? c.classCount()
                    : ((Targets.Values) data.targets()).width();
            String what = data.targets() instanceof Targets.Classes
                    ? wanted + " classes" : wanted + " target value(s) per example";
            if (out.isFullyKnown() && out.elementCount() != wanted) {
                return Optional.of("The net outputs " + out.elementCount() + " value(s) per example (shape "
                        + out.shapeText() + "), but '" + data.name() + "' has " + what
                        + "; make the last layer output " + wanted);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static void checkShape(CompiledNet net) {
        if (net.inputNames().size() != 1 || net.outputNames().size() != 1) {
            throw new IllegalArgumentException("NetTrain trains nets with one input and one output, but this net has "
                    + net.inputNames().size() + " input(s) " + net.inputNames() + " and " + net.outputNames().size()
                    + " output(s) " + net.outputNames());
        }
        for (LayerInfo layer : net.inference().layers()) {
            if (layer.layer().layerType().category() == Category.LOSS) {
                throw new IllegalArgumentException("NetTrain attaches the loss itself, but the net already has "
                        + layer.where() + "; train the net without it");
            }
        }
    }

    /** The net's declared input shape when it is fully known, else the dataset's example shape. */
    private static Shape inputShape(CompiledNet net, Dataset data) {
        TensorType t = net.inputTypes().get(0);
        if (t.isFullyKnown()) {
            long[] dims = new long[t.rank()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = t.dim(d).size();
            }
            return new Shape(dims);
        }
        return data.featureShape();
    }

    private static String name(NetNode net) {
        return "netstudio-" + net.typeName().toLowerCase(java.util.Locale.ROOT);
    }
}
