package org.netstudio.trainer;

import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.trainer.boundary.PlaneView;
import org.netstudio.trainer.charts.LiveCharts;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.data.PreviewPane;
import org.netstudio.trainer.options.OptionsPane;
import org.netstudio.trainer.sweep.SweepModel;
import org.netstudio.trainer.sweep.SweepView;

/**
 * The trainer panel: a toolbar with Train, Stop and the progress, over the messages (why Train is
 * disabled, what the last run said), which wrap onto as many lines as they need; a settings column
 * (data and options); the live loss and accuracy charts; and tabs with the data preview, the
 * decision boundary (for 2-D data) and the results. It only binds to a {@link TrainerPanelModel}; while
 * it is in a scene an animation timer applies the model's pending news once per frame, and the
 * charts are redrawn only while they can be seen (on coming back, from the whole history).
 */
public final class TrainerPanel extends BorderPane {

    private final TrainerPanelModel model;
    private final DataPane dataPane;
    private final LiveCharts charts = new LiveCharts();
    private final PreviewPane preview = new PreviewPane();
    private final PlaneView boundary = new PlaneView();
    private final TabPane tabs = new TabPane();
    private final Tab previewTab = tab("Data", "tab-preview");
    private final Tab boundaryTab = tab("Decision boundary", "tab-boundary");
    private final Tab resultsTab = tab("Results", "tab-results");
    private final Tab sweepTab = tab("Sweep", "tab-sweep");
    /** Whether the history changed while the panel was out of a scene (its net's tab behind another). */
    private boolean chartsBehind;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            model.applyPending();
        }
    };

    /** A panel bound to a model. */
    public TrainerPanel(TrainerPanelModel model) {
        this.model = model;
        this.dataPane = new DataPane(model);
        getStyleClass().add("trainer-panel");
        // The panel's component rules; the colour tokens come from the scene's org.netstudio.assets.Theme.
        getStylesheets().add(TrainerPanel.class.getResource("trainer.css").toExternalForm());
        setTop(new VBox(toolbar(), messages()));
        SplitPane split = new SplitPane(settings(), charts, tabs());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.22, 0.66);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        setCenter(split);

        model.curvesProperty().addListener((o, was, now) -> showHistory());
        model.dataProperty().addListener((o, was, now) -> dataChanged(now));
        // An edit of the Image encoder's augmentation shows at once in the preview.
        model.netProperty().addListener((o, was, now) -> {
            if (model.dataProperty().get() != null && !augmentationOf(was).equals(augmentationOf(now))) {
                preview.show(model.dataProperty().get(), augmentationOf(now));
            }
        });
        model.boundaryProperty().addListener((o, was, now) -> boundary.setPicture(now));
        model.outcomeProperty().addListener((o, was, now) -> {
            if (now != null) {
                tabs.getSelectionModel().select(resultsTab);
            }
        });
        model.stateProperty().addListener((o, was, now) -> {
            if (now == TrainerState.TRAINING) {
                charts.setEpochs(model.options().epochs().value().orElse(1));
                LoadedData d = model.dataProperty().get();
                boundary.setPicture(null);
                tabs.getSelectionModel().select(d != null && d.isPlanar() ? boundaryTab : previewTab);
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                frames.stop();
            } else {
                frames.start();
                if (chartsBehind) {
                    showHistory();
                }
            }
        });
        dataChanged(model.dataProperty().get());
        // Before training, the axis shows the epochs asked for.
        charts.setEpochs(model.options().epochs().value().orElse(1));
        model.options().epochs().textProperty().addListener((o, was, now) -> {
            if (model.stateProperty().get() != TrainerState.TRAINING) {
                model.options().epochs().value().ifPresent(charts::setEpochs);
            }
        });
    }

    /** Who asks for the file or folder a data source reads (tests answer for the person). */
    public void setFilePicker(org.netstudio.trainer.data.DataFilePicker picker) {
        dataPane.setFilePicker(picker);
    }

    /** The model the panel shows. */
    public TrainerPanelModel model() {
        return model;
    }

    private void showHistory() {
        chartsBehind = getScene() == null;
        if (!chartsBehind) {
            charts.show(model.curvesProperty().get().history());
        }
    }

    private HBox toolbar() {
        Button train = new Button("Train");
        train.setId("train");
        train.getStyleClass().add("train-button");
        train.disableProperty().bind(model.canTrainBinding().not());
        train.setOnAction(e -> model.train());
        Tooltip why = new Tooltip();
        train.setTooltip(why);
        why.setOnShowing(e -> why.setText(model.canTrainBinding().get() ? "Train the net on the data"
                : model.reasonNotToTrain()));
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.getStyleClass().add("stop-button");
        stop.disableProperty().bind(model.stateProperty().isNotEqualTo(TrainerState.TRAINING));
        stop.setOnAction(e -> model.stop());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(model.progressProperty().map(TrainingProgress::fraction));
        Label progressText = new Label();
        progressText.setId("progress-text");
        progressText.getStyleClass().add("progress-text");
        progressText.textProperty().bind(model.progressProperty().map(TrainingProgress::text));
        Button sweep = new Button("Sweep…");
        sweep.setId("sweep");
        sweep.setTooltip(new Tooltip("Train once per trial over options and layer parameters, and keep the best"));
        sweep.setOnAction(e -> tabs.getSelectionModel().select(sweepTab));
        HBox bar = new HBox(train, stop, sweep, progress, progressText);
        bar.getStyleClass().add("trainer-toolbar");
        // The bar gives way before the numbers do: the progress text keeps its whole width.
        progress.setMinWidth(80);
        progressText.setMinWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    /**
     * Why Train is disabled (right where the person looks) and the last message of a run, each on
     * lines of its own that wrap to the panel's width; a line with nothing to say takes no room.
     */
    private VBox messages() {
        Label blocked = wrapping("train-blocked", "train-blocked");
        blocked.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.canTrainBinding().get() || model.stateProperty().get() != TrainerState.IDLE
                        && model.stateProperty().get() != TrainerState.FINISHED ? "" : model.reasonNotToTrain(),
                model.canTrainBinding(), model.stateProperty()));
        Label message = wrapping("trainer-message", "trainer-message");
        message.textProperty().bind(model.messageProperty().map(TrainerMessage::text));
        model.messageProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeAll("ok", "notice");
            if (now.tone() == MessageTone.DONE) {
                message.getStyleClass().add("ok");
            } else if (now.tone() == MessageTone.NOTICE) {
                message.getStyleClass().add("notice");
            }
        });
        VBox box = new VBox(blocked, message);
        box.getStyleClass().add("trainer-messages");
        box.visibleProperty().bind(blocked.visibleProperty().or(message.visibleProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label wrapping(String id, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private ScrollPane settings() {
        Label data = section("DATA");
        Label options = section("TRAINING OPTIONS");
        VBox box = new VBox(data, dataPane, options, new org.netstudio.trainer.launch.TargetPane(model.target()),
                new StartFromPane(model),
                new OptionsPane(model.options()));
        box.getStyleClass().add("trainer-settings-content");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("trainer-settings");
        scroll.setId("trainer-settings");
        scroll.setMinWidth(260);
        scroll.setPrefWidth(310);
        return scroll;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Tab tab(String title, String id) {
        Tab tab = new Tab(title);
        tab.setId(id);
        return tab;
    }

    private TabPane tabs() {
        tabs.getStyleClass().add("trainer-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        previewTab.setContent(padded(preview));
        boundary.setId("decision-boundary");
        Label epoch = new Label();
        epoch.setId("boundary-epoch");
        epoch.getStyleClass().add("placeholder");
        epoch.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var picture = model.boundaryProperty().get();
            return picture == null ? "The class regions appear after the first epoch."
                    : "Class regions after epoch " + picture.epoch();
        }, model.boundaryProperty()));
        StackPane.setAlignment(epoch, javafx.geometry.Pos.TOP_LEFT);
        StackPane boundaryBody = padded(boundary);
        boundaryBody.getChildren().add(epoch);
        boundaryTab.setContent(boundaryBody);
        resultsTab.setContent(new ResultsPane(model));
        Tab layersTab = tab("Layers", "tab-layers");
        layersTab.setContent(padded(new LayersPane(model)));
        sweepTab.setContent(new SweepView(new SweepModel(new PanelSweepSource(model), javafx.application.Platform::runLater)));
        Tab finderTab = tab("Learning Rate", "tab-lr-finder");
        finderTab.setContent(new FinderPane(model));
        tabs.getTabs().setAll(previewTab, boundaryTab, layersTab, resultsTab, finderTab, sweepTab);
        tabs.setMinWidth(240);
        return tabs;
    }

    /** How the net in front varies its pictures in training: its first Image encoder's augmentation. */
    private ImageAugmentation augmentation() {
        return augmentationOf(model.netProperty().get());
    }

    private static ImageAugmentation augmentationOf(org.netstudio.netgraph.net.NetDocument doc) {
        if (doc == null) {
            return ImageAugmentation.NONE;
        }
        try {
            return PortDecls.inputs(doc.net()).values().stream().map(d -> ImageAugmentation.of(d.coder()))
                    .filter(ImageAugmentation::any).findFirst().orElse(ImageAugmentation.NONE);
        } catch (IllegalArgumentException e) {
            // A malformed option: the inspector says so; the preview shows the plain pictures.
            return ImageAugmentation.NONE;
        }
    }

    private static StackPane padded(javafx.scene.Node node) {
        StackPane pane = new StackPane(node);
        pane.getStyleClass().add("tab-body");
        pane.setPadding(new javafx.geometry.Insets(8));
        return pane;
    }

    private void dataChanged(LoadedData data) {
        preview.show(data, augmentation());
        boolean planar = data != null && data.isPlanar();
        boundary.setPoints(planar ? data.dataset().get() : null);
        boundary.setPicture(null);
        boundaryTab.setDisable(!planar);
        if (!planar && tabs.getSelectionModel().getSelectedItem() == boundaryTab) {
            tabs.getSelectionModel().select(previewTab);
        }
    }
}
