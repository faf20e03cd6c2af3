package org.netstudio.trainer.options;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.netstudio.engine.device.DeviceInfo;
import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;

/**
 * The training options as a form: choices for the optimiser and device, and text fields for the
 * numbers, each validated as it is typed with a message that quotes the value. {@link #valid()}
 * is true when every field is; {@link #toOptions} builds the engine's options. No scene-graph types.
 */
public final class OptionsForm {

    /** NetStudio's one set of defaults, which the command line's options show too. */
    private static final TrainingOptions DEFAULTS = TrainingOptions.defaults();

    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(this, "optimizer",
            DEFAULTS.optimizer());
    private final ObjectProperty<DeviceInfo> device = new SimpleObjectProperty<>(this, "device",
            new DeviceInfo(DeviceSpec.CPU, "CPU"));
    private final ObservableList<DeviceInfo> devices = FXCollections.observableArrayList(device.get());

    private final OptionField<Double> learningRate = new OptionField<>("Learning rate",
            Double.toString(DEFAULTS.learningRate()), OptionField.decimal("The learning rate", 0, false, 10, true));
    private final OptionField<Integer> batchSize = new OptionField<>("Batch size",
            Integer.toString(DEFAULTS.batchSize()), OptionField.integer("The batch size", 1, 1_000_000));
    private final OptionField<Integer> epochs = new OptionField<>("Epochs",
            Integer.toString(DEFAULTS.maxEpochs()), OptionField.integer("The number of epochs", 1, 100_000));
    private final OptionField<Integer> patience = new OptionField<>("Early stopping",
            Integer.toString(DEFAULTS.earlyStoppingPatience()),
            OptionField.integer("The early-stopping patience (0 = off)", 0, 100_000));
    private final OptionField<Integer> seed = new OptionField<>("Seed",
            Long.toString(DEFAULTS.seed()), OptionField.integer("The seed", 0, Integer.MAX_VALUE));
    private final OptionField<Double> validationFraction = new OptionField<>("Validation",
            Double.toString(DEFAULTS.validationFraction()),
            OptionField.decimal("The validation fraction", 0, true, 0.9, true));
    private final OptionField<LearningRateSchedule> schedule = new OptionField<>("Schedule",
            DEFAULTS.schedule().text(), LearningRateSchedule::parse);
    private final OptionField<Integer> warmup = new OptionField<>("Warm-up", "0",
            OptionField.integer("The warm-up (batches, 0 = none)", 0, Integer.MAX_VALUE));

    private final OptionField<ClassWeights> classWeights = new OptionField<>("Class weights",
            DEFAULTS.classWeights().text(), ClassWeights::parse);

    private final BooleanBinding valid;

    /**
     * A form holding the engine's defaults ({@link TrainingOptions#defaults()}) and the CPU. The
     * learning rate follows the optimiser's default while it shows the previous one's.
     */
    public OptionsForm() {
        optimizer.addListener((o, was, now) -> {
            if (was != null && now != null && learningRate.value().filter(r -> r == was.defaultLearningRate()).isPresent()) {
                learningRate.textProperty().set(Double.toString(now.defaultLearningRate()));
            }
        });
        // Reads the messages themselves: a lazy property that nobody reads fires no further invalidations.
        valid = Bindings.createBooleanBinding(() -> fields().stream().allMatch(f -> f.messageProperty().get().isEmpty()),
                fields().stream().map(OptionField::messageProperty).toArray(javafx.beans.Observable[]::new));
    }

    /** Every text field, in form order. */
    public List<OptionField<?>> fields() {
        return List.of(learningRate, batchSize, epochs, patience, seed, validationFraction, classWeights, schedule,
                warmup);
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public ObjectProperty<DeviceInfo> deviceProperty() {
        return device;
    }

    /** The devices to choose from: the CPU, then each GPU found (filled in once the engine has looked). */
    public ObservableList<DeviceInfo> devices() {
        return devices;
    }

    public OptionField<Double> learningRate() {
        return learningRate;
    }

    public OptionField<Integer> batchSize() {
        return batchSize;
    }

    public OptionField<Integer> epochs() {
        return epochs;
    }

    public OptionField<Integer> patience() {
        return patience;
    }

    public OptionField<Integer> seed() {
        return seed;
    }

    public OptionField<Double> validationFraction() {
        return validationFraction;
    }

    /** How much each class counts: "none", "balanced" or a weight per class ("1, 4, 1"). */
    public OptionField<ClassWeights> classWeights() {
        return classWeights;
    }

    /** How the learning rate changes: {@code constant}, {@code step:EVERY:FACTOR}, {@code cosine}, {@code one-cycle}. */
    public OptionField<LearningRateSchedule> schedule() {
        return schedule;
    }

    /** Updates of linear warm-up in front of the schedule; 0 for none. */
    public OptionField<Integer> warmup() {
        return warmup;
    }

    /** The schedules the Schedule choice offers (the field takes any text form). */
    public static List<String> scheduleChoices() {
        return List.of("constant", "step:10:0.5", "cosine", "one-cycle");
    }

    /** True when every field holds a valid value. */
    public BooleanBinding valid() {
        return valid;
    }

    /** The first problem of the form, or empty when it is valid. */
    public String firstProblem() {
        return fields().stream().map(f -> f.messageProperty().get()).filter(m -> !m.isEmpty()).findFirst().orElse("");
    }

    /**
     * Builds the engine's options; the validation split is made by the trainer and passed as a set.
     *
     * @return the options, without a validation fraction
     * @throws IllegalStateException when a field is invalid
     */
    public TrainingOptions toOptions() {
        if (!valid.get()) {
            throw new IllegalStateException(firstProblem());
        }
        return TrainingOptions.builder()
                .optimizer(optimizer.get())
                .learningRate(learningRate.value().orElseThrow())
                .batchSize(batchSize.value().orElseThrow())
                .maxEpochs(epochs.value().orElseThrow())
                .earlyStoppingPatience(patience.value().orElseThrow())
                .seed(seed.value().orElseThrow())
                .device(device.get().spec())
                .validationFraction(0)
                .classWeights(classWeights.value().orElseThrow())
                .schedule(warmup.value().orElseThrow() == 0 ? schedule.value().orElseThrow()
                        : LearningRateSchedule.warmUp(warmup.value().orElseThrow(), schedule.value().orElseThrow()))
                .build();
    }
}
