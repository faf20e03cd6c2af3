package org.netstudio.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.device.Devices;

/**
 * The entry point for training: checks that a net, a dataset and options fit together and makes a
 * {@link TrainingLoop}. Everything that can be checked before training is checked here, with a
 * message for people; what can only be found out while training (a NaN loss, a net whose output
 * does not fit the targets) ends the run with {@link StopReason#FAILED} instead.
 *
 * <p>The model owns the parameters (its manager), on the options' device; {@link #newModel} makes
 * one. The caller closes the model when done with it. Stateless and thread-safe.
 */
public final class TrainingLoops {

    static {
        DjlSetup.beforeEngineLoads();
    }

    private TrainingLoops() {}

    /**
     * Makes a model for a block on a device.
     *
     * @param name the model's name
     * @param block the net, initialised or not
     * @param device where its parameters will live
     * @return a new model; close it when done
     * @throws org.netstudio.engine.device.DeviceUnavailableException if the device does not exist
     */
    public static Model newModel(String name, Block block, DeviceSpec device) {
        Device djlDevice = Devices.system().resolve(device);
        Model model = Model.newInstance(name, djlDevice);
        model.setBlock(Objects.requireNonNull(block, "block"));
        return model;
    }

    /**
     * Prepares a training run.
     *
     * @param model holds the block to train; an uninitialised block is initialised from the seed,
     *     an initialised one (e.g. pretrained) is trained further; its parameters must be on the
     *     options' device
     * @param inputShape the block's input shape per example, without the batch dimension; must hold
     *     as many values as one example of the dataset
     * @param data the training data (also the validation data unless the options give a
     *     validation set), at least one example
     * @param options the options
     * @return the run, not started
     * @throws IllegalArgumentException when the pieces do not fit, with the reason
     * @throws org.netstudio.engine.device.DeviceUnavailableException if the device does not exist
     */
    public static TrainingLoop prepare(Model model, Shape inputShape, Dataset data, TrainingOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        requireTrainable(model, data.name(), data.size());
        if (inputShape.size() != data.featureLength()) {
            throw new IllegalArgumentException("The net takes inputs of shape " + inputShape + " (" + inputShape.size()
                    + " values), but the examples of '" + data.name() + "' have shape " + data.featureShape() + " ("
                    + data.featureLength() + " values)");
        }
        Dataset validation = options.validationSet();
        if (validation != null) {
            checkCompatible(data, validation);
        }
        Losses losses = Losses.forData(options.loss(), data);
        Feeding feeding = new Feeding(List.of(ExampleTable.FEATURES), java.util.Collections.singletonList(inputShape),
                List.of(), List.of(ExampleTable.TARGET));
        return prepare(model, ExampleTable.of(data), validation == null ? null : ExampleTable.of(validation), feeding,
                new DirectLoss(losses, ExampleTable.TARGET, data), options);
    }

    /** PyTorch is there, the model has a block and the data has examples; else the reason. */
    private static void requireTrainable(Model model, String dataName, long examples) {
        PyTorchSupport.requirePyTorch();
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("The model '" + model.getName() + "' has no block to train");
        }
        if (examples == 0) {
            throw new IllegalArgumentException("The dataset '" + dataName + "' has no examples");
        }
    }

    /**
     * Prepares a training run of any block on a table of columns: the general form, which
     * NetTrain uses for nets with several inputs and outputs, their own losses and sequences.
     *
     * @param model      holds the block; initialised from the seed unless it already is
     * @param data       the training data (also the validation data unless {@code validation} is given)
     * @param validation explicit validation data with the same columns, or null to split off the
     *                   options' validation fraction
     * @param feeding    which columns feed the block's inputs
     * @param objective  what to minimise and measure
     * @param options    the options; their validation set is ignored in favour of {@code validation}
     * @return the run, not started
     * @throws IllegalArgumentException when the pieces do not fit, with the reason
     */
    public static TrainingLoop prepare(Model model, ExampleTable data, ExampleTable validation, Feeding feeding,
                                      Objective objective, TrainingOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(feeding, "feeding");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(options, "options");
        requireTrainable(model, data.name(), data.size());
        if (validation != null && validation.size() == 0) {
            throw new IllegalArgumentException("The validation set '" + validation.name() + "' has no examples");
        }
        Device device = Devices.system().resolve(options.device());
        Device modelDevice = model.getNDManager().getDevice();
        if (!modelDevice.equals(device)) {
            throw new IllegalArgumentException("The model lives on " + modelDevice + " but the options ask for "
                    + options.device() + "; make the model with TrainingLoops.newModel(name, block, device)");
        }
        return new TrainingLoop(model, data, validation, feeding, objective, options, device);
    }

    /**
     * Prepares and runs a training on the calling thread.
     *
     * @param model the model holding the block
     * @param inputShape the block's input shape per example
     * @param data the training data
     * @param options the options
     * @param listeners listeners to add
     * @return the result
     * @throws IllegalArgumentException when the pieces do not fit
     */
    public static TrainingResult train(Model model, Shape inputShape, Dataset data, TrainingOptions options,
            TrainingListener... listeners) {
        TrainingLoop run = prepare(model, inputShape, data, options);
        for (TrainingListener listener : listeners) {
            run.addListener(listener);
        }
        return run.run();
    }

    private static void checkCompatible(Dataset data, Dataset validation) {
        if (validation.size() == 0) {
            throw new IllegalArgumentException("The validation set '" + validation.name() + "' has no examples");
        }
        if (validation.featureLength() != data.featureLength()) {
            throw new IllegalArgumentException("The validation examples have shape " + validation.featureShape()
                    + ", but the training examples have shape " + data.featureShape());
        }
        Targets t = data.targets();
        Targets v = validation.targets();
        if (t instanceof Targets.Classes tc && v instanceof Targets.Classes vc) {
            if (!tc.classNames().equals(vc.classNames())) {
                throw new IllegalArgumentException("The validation set's classes " + vc.classNames()
                        + " differ from the training set's " + tc.classNames());
            }
        } else if (t instanceof Targets.Values tv && v instanceof Targets.Values vv) {
            if (tv.width() != vv.width()) {
                throw new IllegalArgumentException("The validation targets have " + vv.width()
                        + " values per example, but the training targets have " + tv.width());
            }
        } else {
            throw new IllegalArgumentException("The validation set has " + describe(v) + " but the training set has "
                    + describe(t));
        }
    }

    private static String describe(Targets targets) {
        return targets instanceof Targets.Classes ? "class targets" : "real-valued targets";
    }
}
