package org.netstudio.app.window.preview;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The strip above a net's canvas while previews are on: where the example comes from, which one
 * (◀ ▶), what it is, and why there are no previews when there are none.
 */
public final class PreviewBar extends HBox {

    private final Label example = new Label();

    public PreviewBar(NetPreviews previews) {
        setId("previewBar");
        getStyleClass().add("ns-preview-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        Label title = new Label("Previews of");
        title.getStyleClass().add("ns-preview-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        ChoiceBox<PreviewSource> source = new ChoiceBox<>();
        source.setId("previewSource");
        source.getItems().setAll(PreviewSource.values());
        source.valueProperty().bindBidirectional(previews.sourceProperty());
        Button back = new Button("◀");
        back.setId("previewBack");
        back.setTooltip(new Tooltip("The example before"));
        back.setOnAction(e -> previews.exampleProperty().set(Math.max(1, previews.exampleProperty().get() - 1)));
        back.disableProperty().bind(previews.exampleProperty().lessThanOrEqualTo(1)
                .or(previews.sourceProperty().isEqualTo(PreviewSource.IMAGE)));
        Button next = new Button("▶");
        next.setId("previewNext");
        next.setTooltip(new Tooltip("The next example"));
        next.setOnAction(e -> previews.exampleProperty().set(previews.exampleProperty().get() + 1));
        next.disableProperty().bind(previews.sourceProperty().isEqualTo(PreviewSource.IMAGE));
        Button choose = new Button("Choose…");
        choose.setId("previewChooseImage");
        choose.visibleProperty().bind(previews.sourceProperty().isEqualTo(PreviewSource.IMAGE));
        choose.managedProperty().bind(choose.visibleProperty());
        choose.setOnAction(e -> previews.chooseImage());
        example.setId("previewCaption");
        example.getStyleClass().add("ns-preview-caption");
        example.setMinWidth(Region.USE_PREF_SIZE);
        example.textProperty().bind(previews.captionProperty());
        Label message = new Label();
        message.setId("previewMessage");
        message.getStyleClass().add("ns-preview-message");
        message.textProperty().bind(previews.messageProperty());
        message.setWrapText(true);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(previews.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.SOMETIMES);
        getChildren().addAll(title, source, back, next, choose, example, message, spacer, busy);
    }
}
