package org.netstudio.app.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.SetChangeListener;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.util.Duration;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.document.RecentFiles;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.window.documents.Documents;
import org.netstudio.app.window.documents.FilePicker;
import org.netstudio.app.window.documents.NetOpener;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.app.window.documents.NetTabs;
import org.netstudio.app.window.tryit.ImagePicker;
import org.netstudio.app.window.tryit.TryItPanel;
import org.netstudio.app.window.tryit.TryItWindow;
import org.netstudio.canvas.CanvasAction;
import org.netstudio.canvas.CanvasActions;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.palette.Palette;
import org.netstudio.inspector.InspectorModel;
import org.netstudio.inspector.InspectorPanel;
import org.netstudio.inspector.ports.SelectedPort;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.trainer.TrainerPanelModel;

/**
 * What the main window does, over the regions {@link MainWindow} arranges: the palette, one canvas
 * tab per open net, the inspector following the net in front (its command stack, inference and
 * selection), each open net's own trainer ({@link TrainerPanels}: the window shows the one in
 * front), the status bar, the Start page, and the menus and toolbar wired to the file commands
 * and to the canvas in front, and the Try It window, which runs the net in front on the user's own
 * input. Unsaved work is autosaved every 30 s.
 */
public final class Workspace {

    /** How often unsaved work is written to the autosave folder. */
    public static final Duration AUTOSAVE_PERIOD = Duration.seconds(30);

    private final MainWindow window;
    private final Palette palette = new Palette();
    private final InspectorModel inspector = new InspectorModel();
    private final TrainerPanels trainers;
    private final org.netstudio.app.window.preview.TabPreviews previews;
    private ImagePicker imagePicker = new org.netstudio.app.window.tryit.SystemImagePicker();
    private final Documents documents;
    private final NetTabs tabs;
    private final StartPage startPage;
    private final Map<MenuItem, Function<CanvasActions, CanvasAction>> canvasItems = new LinkedHashMap<>();
    private final Timeline autosaveTimer;
    private final SetChangeListener<String> selectionListener = c -> syncSelection();
    private final InvalidationListener pathListener = o -> syncSelection();
    private final InvalidationListener inferenceListener = o -> updateStatus();
    private final TryItPanel tryIt;
    private final TryItWindow tryItWindow;
    private final org.netstudio.app.window.runs.RunsWindow runsWindow;
    /**
     * Follows a change of the net in front: the inspector's arrays stay on its weights (they change with "Use
     * trained weights" and its undo), Try It on its document and weights, and the inspector calls it what its tab
     * does (after Save As, by its new file's name).
     */
    private final Runnable netListener = () -> {
        showWeights();
        followTryIt();
        showName();
    };
    private NetTab shown;
    private final javafx.beans.binding.ObjectBinding<OpenNet> activeNet;
    private final ExitSequence exitSequence;

    public Workspace(MainWindow window, Autosave autosave, RecentFiles recent) {
        this.window = window;
        palette.setId("layerPalette");
        window.setPalette(palette);
        tryIt = new TryItPanel(this::tryItOwner);
        tryItWindow = new TryItWindow(tryIt, () -> window.scene().getWindow(), window.scene().getStylesheets());
        documents = new Documents(window.canvasTabs(), () -> window.scene().getWindow(),
                window::stylesheets, autosave, recent, window.statusBar()::setNote);
        tabs = documents.tabs();
        trainers = new TrainerPanels(window.canvasTabs().getTabs(), tabs.activeProperty(), window::setTrainer);
        previews = new org.netstudio.app.window.preview.TabPreviews(window.canvasTabs().getTabs(),
                tabs.activeProperty(), this::trainerData, tab -> trainers.of(tab) == null
                        ? new javafx.beans.property.SimpleObjectProperty<>() : trainers.of(tab).dataProperty(),
                () -> imagePicker.openImage(window.scene().getWindow()));
        previews.shownProperty().bindBidirectional(window.menu().showPreviews().selectedProperty());
        // Under the inspector, the selected node's previewed value, large.
        InspectorPanel inspectorPanel = new InspectorPanel(inspector);
        javafx.scene.layout.VBox.setVgrow(inspectorPanel, javafx.scene.layout.Priority.ALWAYS);
        window.setInspector(new javafx.scene.layout.VBox(inspectorPanel, previews.detail()));
        runsWindow = new org.netstudio.app.window.runs.RunsWindow(() -> window.scene().getWindow(),
                window.scene().getStylesheets(), tabs.activeProperty(), this::open, id -> {
                    // The run goes on in the trainer panel of the net in front, which shows its progress.
                    window.trainerPanel().setExpanded(true);
                    if (trainer() != null) {
                        trainer().resume(id);
                    }
                });
        activeNet = Bindings.createObjectBinding(() -> activeNet().orElse(null), tabs.activeProperty());
        NetOpener opener = documents.opener();
        startPage = new StartPage(tabs::newNet, opener::open, opener::openRecent, opener::openGalleryInBackground);
        documents.recent().onChanged(this::refreshRecent);
        window.menu().openRecent().setOnShowing(e -> fillRecentMenu());
        fillRecentMenu();
        refreshRecent();
        palette.setOnActivate(type -> activeCanvas().ifPresent(c -> {
            c.addNodeAtCenter(type);
            c.requestFocus();
        }));
        wireMenus();
        window.statusBar().setOnValidityClicked(this::toggleProblems);
        tabs.activeProperty().addListener((o, a, b) -> show(b));
        window.canvasTabs().getTabs().add(startPage);
        // The Start page may be closed; it comes back when the last net closes, so there is always a way on.
        window.canvasTabs().getTabs().addListener((javafx.collections.ListChangeListener<Tab>) c -> {
            if (window.canvasTabs().getTabs().isEmpty()) {
                javafx.application.Platform.runLater(() -> {
                    if (window.canvasTabs().getTabs().isEmpty()) {
                        window.canvasTabs().getTabs().add(startPage);
                    }
                });
            }
        });
        show(null);
        autosaveTimer = new Timeline(new KeyFrame(AUTOSAVE_PERIOD, e -> autosaveNow()));
        autosaveTimer.setCycleCount(Animation.INDEFINITE);
        autosaveTimer.play();
        exitSequence = new ExitSequence(documents::exiting, () -> {
            previews.shutDown();
            return trainers.shutDown();
        }, tryIt::close);
    }

    // ---- what tests and the application call ------------------------------------------------

    /** "NetStudio", or "*lenet.json — NetStudio": the window's title. */
    public ReadOnlyStringProperty titleProperty() {
        return tabs.titleProperty();
    }

    /** The tab of the net in front, if a net is in front. */
    public Optional<NetTab> activeTab() {
        return Optional.ofNullable(tabs.activeProperty().get());
    }

    /** The canvas of the net in front, if a net is in front. */
    public Optional<NetCanvas> activeCanvas() {
        return activeTab().map(NetTab::canvas);
    }

    public Palette palette() {
        return palette;
    }

    public InspectorModel inspector() {
        return inspector;
    }

    /** The trainer of the net in front (each open net has its own), or null on the Start page. */
    public TrainerPanelModel trainer() {
        return activeTab().map(trainers::of).orElse(null);
    }

    /** Opens a net in a new tab (File › Open without the chooser); a bad file is reported. */
    public Optional<NetCanvas> open(Path file) {
        return documents.opener().open(file).map(NetTab::canvas);
    }

    /** Opens an open net (e.g. a new one made in code) in a new tab. */
    public NetCanvas open(OpenNet net) {
        return tabs.add(net).canvas();
    }

    /** Opens a gallery net by id in a new tab. */
    public NetCanvas openGallery(String id) {
        return documents.opener().openGallery(Gallery.standard().find(id).orElseThrow()).canvas();
    }

    /** The open nets, in tab order. */
    public List<OpenNet> openNets() {
        return tabs.all().stream().map(NetTab::net).toList();
    }

    /** The net in front (null on the Start page). */
    public javafx.beans.value.ObservableValue<OpenNet> activeNetProperty() {
        return activeNet;
    }

    /** The net in front, if any. */
    public Optional<OpenNet> activeNet() {
        return activeTab().map(NetTab::net);
    }

    public void setFilePicker(FilePicker picker) {
        documents.setFilePicker(picker);
    }

    /** Where Try It's "Choose Image…" and the previews' "Image file…" ask for an image (tests give their own). */
    public void setImagePicker(ImagePicker picker) {
        imagePicker = picker;
        tryIt.setImagePicker(picker);
    }

    /** The previews of every open net (View › Show Previews). */
    public org.netstudio.app.window.preview.TabPreviews previews() {
        return previews;
    }

    /** The data loaded in a net's trainer panel, when it is a dataset of examples (images, vectors). */
    private Optional<org.netstudio.engine.data.Dataset> trainerData(NetTab tab) {
        org.netstudio.trainer.TrainerPanelModel model = trainers.of(tab);
        return model == null || model.dataProperty().get() == null ? Optional.empty()
                : model.dataProperty().get().dataset();
    }

    /** Where the trainer panels ask for a data file or folder (tests answer for the person). */
    public void setDataFilePicker(org.netstudio.trainer.data.DataFilePicker picker) {
        trainers.setDataFilePicker(picker);
    }

    /** The Try It panel, following the net in front. */
    public TryItPanel tryIt() {
        return tryIt;
    }

    /** Net › Try It: shows the Try It window for the net in front. */
    public void showTryIt() {
        tryItWindow.show();
    }

    /** View › Runs: the recorded runs, of the net in front or of all nets. */
    public org.netstudio.app.window.runs.RunsWindow runsWindow() {
        return runsWindow;
    }

    /** The window Try It shows in. */
    public TryItWindow tryItWindow() {
        return tryItWindow;
    }

    /**
     * Writes the autosave now (the timer does it every {@link #AUTOSAVE_PERIOD}), on the autosave
     * thread; the future completes when it is written.
     */
    public CompletableFuture<Void> autosaveNow() {
        return documents.autosave().write(tabs.all());
    }

    /** Completes when every save asked for from the menu so far is written (tests, quitting). */
    public CompletableFuture<Void> savesDone() {
        return documents.saver().done();
    }

    /** Completes when the File › Export ONNX writes asked for so far are done. */
    public CompletableFuture<Void> onnxExportsDone() {
        return documents.exporter().onnxExportsDone();
    }

    /** Completes when the File › Export PyTorch Project writes asked for so far are done. */
    public CompletableFuture<Void> pyTorchExportsDone() {
        return documents.exporter().pyTorchExportsDone();
    }

    /** Completes when the File › Import Weights reads asked for so far are done (and their edits posted). */
    public CompletableFuture<Void> weightsImportsDone() {
        return documents.weightsImporter().importsDone();
    }

    /** Completes when the autosave writes and deletes asked for so far are done. */
    public CompletableFuture<Void> autosaveIdle() {
        return documents.autosave().idle();
    }

    /** Offers back the work a crashed run left in the autosave folder. */
    public void offerRecovery() {
        documents.recovery().offer();
    }

    /** Closes the net in front (asking about unsaved changes); returns whether it closed. */
    public boolean closeActive() {
        Tab tab = window.canvasTabs().getSelectionModel().getSelectedItem();
        return tab != null && tabs.close(tab);
    }

    /** Closes every net, asking about each with unsaved changes; false when the user cancelled. */
    public boolean closeAll() {
        return tabs.closeAll();
    }

    /**
     * What ends the window when the program stops (a signal, a shutdown hook, or a normal quit):
     * autosave, stop training, free the engine's nets.
     */
    public ExitSequence exitSequence() {
        return exitSequence;
    }

    /** A clean exit: stops autosaving and deletes what was autosaved. */
    public void exitCleanly() {
        autosaveTimer.stop();
        documents.autosave().clear();
    }

    // ---- following the net in front --------------------------------------------------------

    private void show(NetTab tab) {
        if (shown != null) {
            shown.model().getSelection().removeListener(selectionListener);
            shown.model().currentPathProperty().removeListener(pathListener);
            shown.model().inferenceProperty().removeListener(inferenceListener);
            shown.net().removeListener(netListener);
        }
        shown = tab;
        inspector.documentProperty().unbind();
        inspector.inferenceProperty().unbind();
        if (tab == null) {
            inspector.getSelectedPaths().clear();
            inspector.selectedPortProperty().set(null);
            inspector.setCommandStack(null);
            inspector.documentProperty().set(null);
            window.showStartBreadcrumb();
        } else {
            inspector.setCommandStack(tab.net().stack());
            inspector.documentProperty().bind(tab.model().documentProperty());
            inspector.inferenceProperty().bind(tab.model().inferenceProperty());
            tab.model().getSelection().addListener(selectionListener);
            tab.model().currentPathProperty().addListener(pathListener);
            tab.model().inferenceProperty().addListener(inferenceListener);
            tab.net().addListener(netListener);
            window.setBreadcrumb(tab.breadcrumb());
            syncSelection();
        }
        showName();
        showWeights();
        followTryIt();
        updateStatus();
        bindActions(tab);
    }

    private void showName() {
        inspector.netNameProperty().set(shown == null ? "" : shown.net().title());
    }

    private void followTryIt() {
        tryIt.follow(shown == null ? null : shown.net());
    }

    /** The window Try It's file chooser belongs to: its own once shown, else the main window. */
    private javafx.stage.Window tryItOwner() {
        return tryItWindow != null && tryItWindow.isShowing() ? tryItWindow.stage() : window.scene().getWindow();
    }

    private void showWeights() {
        Weights w = shown == null ? null : shown.net().weights().orElse(null);
        if (inspector.weightsProperty().get() != w) {
            inspector.weightsProperty().set(w);
        }
    }

    /** Canvas selection (ids at the level shown) → the inspector's node paths. */
    private void syncSelection() {
        if (shown == null) {
            return;
        }
        NodePath level = shown.model().getCurrentPath();
        List<NodePath> paths = new ArrayList<>();
        for (String id : shown.model().getSelection()) {
            if (shown.model().getLevel().graph().nodes().containsKey(id)) {
                paths.add(level.child(id));
            }
        }
        if (!paths.equals(inspector.getSelectedPaths())) {
            inspector.getSelectedPaths().setAll(paths);
        }
        // A net's own input or output node, picked alone: the inspector shows its declaration to set.
        SelectedPort port = null;
        if (shown.model().getSelection().size() == 1) {
            NodeItem n = shown.model().getLevel().node(shown.model().getSelection().iterator().next());
            if (n != null && n.isGraphPort()) {
                port = new SelectedPort(level, n.title(), n.kind() == NodeItem.Kind.INPUT);
            }
        }
        if (!java.util.Objects.equals(port, inspector.selectedPortProperty().get())) {
            inspector.selectedPortProperty().set(port);
        }
    }

    private void updateStatus() {
        StatusBar status = window.statusBar();
        if (shown == null) {
            status.setValidity(StatusBar.Validity.NO_NET, "No net open");
            status.clearParameterCount();
            return;
        }
        InferenceResult r = shown.model().inferenceProperty().get();
        int n = r.diagnostics().size();
        if (n == 0) {
            status.setValidity(StatusBar.Validity.VALID, "Valid");
        } else {
            status.setValidity(StatusBar.Validity.PROBLEMS, n == 1 ? "1 problem" : n + " problems");
        }
        status.setParameterCount(NetSummary.of(shown.model().documentProperty().get().net(), r).parameters());
    }

    /** A click on "N problems" in the status bar shows the list under the canvas; another hides it. */
    private void toggleProblems() {
        if (shown != null) {
            shown.problemsShownProperty().set(!shown.problemsShownProperty().get());
        }
    }

    private void refreshRecent() {
        startPage.showRecent(documents.recent().all());
    }

    private void fillRecentMenu() {
        documents.recent().fillMenu(window.menu().openRecent(), documents.opener()::openRecent);
    }

    // ---- menus and toolbar -------------------------------------------------------------------

    private void wireMenus() {
        var menu = window.menu();
        menu.setHandler(AppAction.NEW, tabs::newNet);
        menu.setHandler(AppAction.OPEN, documents.opener()::open);
        onNet(AppAction.SAVE, documents.saver()::saveInBackground);
        onNet(AppAction.SAVE_AS, documents.saver()::saveAsInBackground);
        onNet(AppAction.EXPORT_PICTURE, documents.exporter()::exportPicture);
        onNet(AppAction.EXPORT_ONNX, documents.exporter()::exportOnnx);
        onNet(AppAction.IMPORT_WEIGHTS, documents.weightsImporter()::importWeights);
        onNet(AppAction.EXPORT_PYTORCH, t -> documents.exporter().exportPyTorch(t, () -> trainers.of(t).projectRecipe()));
        onNet(AppAction.CHECK, t -> t.problemsShownProperty().set(true));
        menu.setHandler(AppAction.TRAIN, () -> window.trainerPanel().setExpanded(true));
        menu.setHandler(AppAction.TRY_IT, this::showTryIt);
        menu.setHandler(AppAction.RUNS, runsWindow::show);
        menu.setHandler(AppAction.NEW_SENTENCE_CLASSIFIER, documents.classifiers()::ask);
        // The report of an imported model stays at hand after its bar is dismissed.
        onNet(AppAction.IMPORT_REPORT, t -> t.importBanner().ifPresent(b -> b.showReport()));
        canvas(AppAction.UNDO, a -> a.undo);
        canvas(AppAction.REDO, a -> a.redo);
        canvas(AppAction.CUT, a -> a.cut);
        canvas(AppAction.COPY, a -> a.copy);
        canvas(AppAction.PASTE, a -> a.paste);
        canvas(AppAction.DUPLICATE, a -> a.duplicate);
        canvas(AppAction.DELETE, a -> a.delete);
        canvas(AppAction.SELECT_ALL, a -> a.selectAll);
        canvas(AppAction.GROUP, a -> a.group);
        canvas(AppAction.UNGROUP, a -> a.ungroup);
        canvas(AppAction.ZOOM_IN, a -> a.zoomIn);
        canvas(AppAction.ZOOM_OUT, a -> a.zoomOut);
        canvas(AppAction.ZOOM_TO_FIT, a -> a.zoomToFit);
        canvas(AppAction.ZOOM_ACTUAL_SIZE, a -> a.actualSize);
        canvas(AppAction.AUTO_LAYOUT, a -> a.autoLayout);
    }

    private void onNet(AppAction action, java.util.function.Consumer<NetTab> command) {
        MenuItem item = window.menu().item(action);
        item.setOnAction(e -> activeTab().ifPresent(command));
    }

    /** A menu item that runs the canvas action of the net in front, enabled when that action is. */
    private void canvas(AppAction action, Function<CanvasActions, CanvasAction> pick) {
        MenuItem item = window.menu().item(action);
        item.setOnAction(e -> activeCanvas().ifPresent(c -> pick.apply(c.getActions()).fire()));
        canvasItems.put(item, pick);
    }

    private void bindActions(NetTab tab) {
        canvasItems.forEach((item, pick) -> {
            item.disableProperty().unbind();
            if (tab == null) {
                item.setDisable(true);
            } else {
                item.disableProperty().bind(Bindings.not(pick.apply(tab.canvas().getActions()).enabled()));
            }
        });
        for (AppAction a : List.of(AppAction.SAVE, AppAction.SAVE_AS, AppAction.EXPORT_PICTURE, AppAction.EXPORT_ONNX, AppAction.EXPORT_PYTORCH, AppAction.IMPORT_WEIGHTS,
                AppAction.TRAIN,
                AppAction.TRY_IT)) {
            window.menu().item(a).setDisable(tab == null);
        }
        window.menu().item(AppAction.IMPORT_REPORT).setDisable(tab == null || tab.importBanner().isEmpty());
        MenuItem check = window.menu().item(AppAction.CHECK);
        check.disableProperty().unbind();
        if (tab == null) {
            check.setDisable(true);
        } else {
            check.disableProperty().bind(tab.canvas().getActions().typingProperty());
        }
    }
}
