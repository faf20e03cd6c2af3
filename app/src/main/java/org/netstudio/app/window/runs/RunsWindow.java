package org.netstudio.app.window.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.document.RunsFolder;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.trainer.runs.RunsView;

/**
 * View › Runs: the {@link RunsView} in a window of its own beside the main window, over the runs
 * folder the command line shares ({@link RunsFolder}). It follows the net in front; Open Net opens
 * a run's net with its best weights as a new untitled net; Use Weights puts a run's best weights
 * into the net in front as one undoable edit, offered only when the run trained that same net.
 * Made when first shown; re-reads the runs whenever it gets the focus.
 */
public final class RunsWindow {

    private final Supplier<Window> owner;
    private final ObservableList<String> themeSheets;
    private final ObservableValue<NetTab> front;
    private final Consumer<OpenNet> open;
    private final Consumer<String> resume;
    private final RunsView view = new RunsView(RunsFolder::store);
    private Stage stage;

    /**
     * @param owner       the main window
     * @param themeSheets the main window's stylesheets, followed as they change
     * @param front       the net in front
     * @param open        opens a net in a new tab
     * @param resume      continues a run (by id) in the trainer panel of the net in front
     */
    public RunsWindow(Supplier<Window> owner, ObservableList<String> themeSheets, ObservableValue<NetTab> front,
            Consumer<OpenNet> open, Consumer<String> resume) {
        this.resume = Objects.requireNonNull(resume, "resume");
        this.owner = owner;
        this.themeSheets = themeSheets;
        this.front = front;
        this.open = Objects.requireNonNull(open, "open");
        view.setOnOpenNet(this::openNet);
        view.setOnUseWeights(this::fitsFront, this::useWeights);
        view.setOnResume(this::fitsFront, run -> this.resume.accept(run.id()));
        front.addListener((o, was, now) -> follow(now));
        follow(front.getValue());
    }

    /** Shows the window (making it the first time), reads the runs and brings it to the front. */
    public void show() {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner.get());
            stage.setTitle("Runs");
            Scene scene = new Scene(view, 1100, 680);
            stage.setScene(scene);
            stage.setMinWidth(640);
            stage.setMinHeight(420);
            restyle(scene);
            themeSheets.addListener((ListChangeListener<String>) c -> restyle(scene));
            stage.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    view.refresh();
                }
            });
        }
        view.refresh();
        stage.show();
        stage.toFront();
    }

    /** The view (for tests and screenshots). */
    public RunsView view() {
        return view;
    }

    /** The window, once made (for tests and screenshots). */
    public Stage stage() {
        return stage;
    }

    private void follow(NetTab tab) {
        view.netNameProperty().set(tab == null ? "" : tab.net().document().name());
    }

    private void openNet(RunRecord run) {
        try {
            LoadedNet net = NetFiles.read(run.netFile());
            Weights weights = run.bestWeights().isPresent() ? Safetensors.read(run.bestWeights().get())
                    : net.weights().orElse(null);
            String name = net.document().name().isBlank() ? "Run " + run.id() : net.document().name();
            open.accept(OpenNet.untitled(net.document(), name + " (run " + run.id() + ")", weights));
        } catch (IOException | RuntimeException e) {
            error("The net of run " + run.id() + " cannot be opened", e.getMessage());
        }
    }

    /** Whether the run trained the very net in front (so its weights fit it array for array, and it may go on there). */
    private boolean fitsFront(RunRecord run) {
        NetTab tab = front.getValue();
        if (tab == null) {
            return false;
        }
        try {
            return NetFiles.read(run.netFile()).document().net().equals(tab.net().document().net());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void useWeights(RunRecord run) {
        NetTab tab = front.getValue();
        if (tab == null || run.bestWeights().isEmpty()) {
            return;
        }
        try {
            tab.net().useWeights(Safetensors.read(run.bestWeights().get()));
        } catch (IOException | RuntimeException e) {
            error("The weights of run " + run.id() + " cannot be used", e.getMessage());
        }
    }

    private void error(String header, String detail) {
        Alert alert = new Alert(Alert.AlertType.ERROR, detail);
        alert.setHeaderText(header);
        alert.initOwner(stage);
        alert.show();
    }

    private void restyle(Scene scene) {
        scene.getStylesheets().setAll(new ArrayList<>(List.copyOf(themeSheets)));
    }
}
