package org.netstudio.trainer;

import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What training starts from: the net's weights (fine-tuning a pretrained or imported net, the
 * default when it has some) or seeded initial values. Disabled, with the reason, for a net
 * without weights.
 */
public final class StartFromPane extends VBox {

    public StartFromPane(TrainerPanelModel model) {
        getStyleClass().add("start-from-pane");
        setSpacing(4);
        CheckBox fromWeights = new CheckBox("Start from the net's weights");
        fromWeights.setId("start-from-weights");
        fromWeights.selectedProperty().bindBidirectional(model.startFromNetWeightsProperty());
        var noWeights = Bindings.createBooleanBinding(
                () -> model.netWeightsProperty().get() == null || model.netWeightsProperty().get().isEmpty(),
                model.netWeightsProperty());
        fromWeights.disableProperty().bind(noWeights);
        Label hint = new Label();
        hint.setId("start-from-hint");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> noWeights.get()
                        ? "The net has no weights yet, so training starts from initial values (the seed below)."
                        : model.startFromNetWeightsProperty().get()
                                ? "Fine-tunes what the net already learned; layers added or resized since start fresh."
                                : "Starts from initial values (the seed below); the net's weights are left as they are.",
                noWeights, model.startFromNetWeightsProperty()));
        getChildren().addAll(fromWeights, hint);
    }
}
