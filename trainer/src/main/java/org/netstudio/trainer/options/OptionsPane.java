package org.netstudio.trainer.options;

import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.netstudio.engine.device.DeviceInfo;
import org.netstudio.engine.train.OptimizerKind;

/** The training options form: optimiser, numbers, device; each number checked as it is typed. */
public final class OptionsPane extends FormGrid {

    /** A form bound to the options. */
    public OptionsPane(OptionsForm form) {
        getStyleClass().add("options-pane");
        add("Optimiser", choice("optimizer", OptimizerKind.values(), form.optimizerProperty(), OptionsPane::name));
        add(form.learningRate(), "learning-rate");
        add(form.batchSize(), "batch-size");
        add(form.epochs(), "epochs");
        add(form.patience(), "patience");
        add(form.seed(), "seed");

        ComboBox<DeviceInfo> device = new ComboBox<>(form.devices());
        device.setId("device");
        device.valueProperty().bindBidirectional(form.deviceProperty());
        device.setButtonCell(new DeviceCell());
        device.setCellFactory(l -> new DeviceCell());
        device.setMaxWidth(Double.MAX_VALUE);
        add("Device", device);
        add(form.classWeights(), "class-weights");

        ComboBox<String> schedule = new ComboBox<>();
        schedule.setId("schedule");
        schedule.setEditable(true);
        schedule.getItems().setAll(OptionsForm.scheduleChoices());
        schedule.setValue(form.schedule().textProperty().get());
        schedule.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                form.schedule().textProperty().set(now);
            }
        });
        form.schedule().textProperty().addListener((o, was, now) -> schedule.setValue(now));
        schedule.setMaxWidth(Double.MAX_VALUE);
        schedule.setTooltip(new javafx.scene.control.Tooltip("constant, step:EVERY:FACTOR (e.g. step:10:0.5: halve every"
                + " 10 epochs), cosine (annealed to 0), or one-cycle (fastai's fit_one_cycle)"));
        add("Schedule", schedule);
        javafx.scene.control.Label scheduleMessage = new javafx.scene.control.Label();
        scheduleMessage.setId("schedule-message");
        scheduleMessage.getStyleClass().add("field-message");
        scheduleMessage.textProperty().bind(form.schedule().messageProperty());
        scheduleMessage.visibleProperty().bind(form.schedule().messageProperty().isNotEmpty());
        scheduleMessage.managedProperty().bind(scheduleMessage.visibleProperty());
        addWide(scheduleMessage);
        add(form.warmup(), "warmup");
    }

    /** How an optimiser reads in the menu. */
    static String name(OptimizerKind k) {
        return switch (k) {
            case ADAM -> "Adam";
            case SGD_MOMENTUM -> "SGD with momentum";
            case RMSPROP -> "RMSProp";
            case ADAGRAD -> "AdaGrad";
        };
    }

    private static final class DeviceCell extends ListCell<DeviceInfo> {
        @Override
        protected void updateItem(DeviceInfo item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.description());
        }
    }
}
