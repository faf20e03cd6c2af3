package org.netstudio.app.window.documents;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.netstudio.app.document.OpenNet;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;

/**
 * The open nets of the window, one {@link NetTab} each in the window's tab pane: which one is in
 * front, the window's title, a new net, and closing, which asks first about unsaved changes (Save,
 * Don't Save, Cancel). A closed net's autosave is forgotten.
 */
public final class NetTabs {

    private final TabPane tabs;
    private final Prompts prompts;
    private final NetSaver saver;
    private final AutosaveWriter autosave;
    private final ReadOnlyObjectWrapper<NetTab> active = new ReadOnlyObjectWrapper<>(this, "active");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "NetStudio");
    private int untitled;
    private long serial;

    NetTabs(TabPane tabs, Prompts prompts, NetSaver saver, AutosaveWriter autosave) {
        this.tabs = tabs;
        this.prompts = prompts;
        this.saver = saver;
        this.autosave = autosave;
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> activate(b));
    }

    /** The net tab in front, or null (the start page, or nothing open). */
    public ReadOnlyObjectProperty<NetTab> activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** "NetStudio", or "*lenet.json — NetStudio" for the net in front. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The open nets' tabs, in tab order. */
    public List<NetTab> all() {
        return tabs.getTabs().stream().filter(NetTab.class::isInstance).map(NetTab.class::cast).toList();
    }

    /** File › New: an empty graph with one input and one output, both still to be typed. */
    public NetTab newNet() {
        String name = "Untitled " + (++untitled);
        NetDocument doc = new NetDocument(name, Graph.empty().withInput("Input", PortDecl.UNSPECIFIED)
                .withOutput("Output", PortDecl.UNSPECIFIED), null);
        return add(OpenNet.untitled(doc, name));
    }

    /**
     * Makes a net off the FX thread, then, on it, hands it to {@code open} to put into a tab; when making it
     * fails, the person is told so under {@code cannot} ("Cannot open “LeNet”").
     */
    <T> CompletableFuture<T> addInBackground(Supplier<T> make, String cannot, Consumer<T> open) {
        CompletableFuture<T> made = CompletableFuture.supplyAsync(make);
        made.whenComplete((net, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                prompts.error(cannot,
                        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } else {
                open.accept(net);
            }
        }));
        return made;
    }

    /** Puts a net into a new tab in front of the others. */
    public NetTab add(OpenNet net) {
        NetTab tab = new NetTab(net, "net-" + ProcessHandle.current().pid() + "-" + (++serial));
        tab.setOnCloseRequest(e -> {
            if (!confirmDiscard(tab)) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> autosave.forget(tab));
        net.addListener(this::updateTitle);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        Platform.runLater(() -> tab.canvas().requestFocus());
        return tab;
    }

    /** Shows {@code tab} in front. */
    void select(Tab tab) {
        tabs.getSelectionModel().select(tab);
    }

    /** The window's tabs, the Start page and opening files included. */
    List<Tab> tabs() {
        return tabs.getTabs();
    }

    /** Closes a tab, asking first when its net has unsaved changes. Returns whether it closed. */
    public boolean close(Tab tab) {
        if (tab instanceof NetTab n && !confirmDiscard(n)) {
            return false;
        }
        tabs.getTabs().remove(tab);
        if (tab instanceof NetTab n) {
            autosave.forget(n);
        }
        return true;
    }

    /** Closes every net for quitting; false when the person cancelled at some prompt. */
    public boolean closeAll() {
        // A save still being written finishes first, so that its net is not asked about again.
        saver.finishWrites();
        for (NetTab t : all()) {
            tabs.getSelectionModel().select(t);
            if (!confirmDiscard(t)) {
                return false;
            }
        }
        for (NetTab t : all()) {
            tabs.getTabs().remove(t);
            autosave.forget(t);
        }
        return true;
    }

    /** Save, Don't Save or Cancel for a dirty net; true when it may go. */
    private boolean confirmDiscard(NetTab tab) {
        if (!tab.net().isDirty()) {
            return true;
        }
        tabs.getSelectionModel().select(tab);
        return switch (prompts.askSave(tab.net().title())) {
            case SAVE -> saver.save(tab);
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void activate(Tab tab) {
        active.set(tab instanceof NetTab n ? n : null);
        updateTitle();
    }

    private void updateTitle() {
        NetTab t = active.get();
        title.set(t == null ? "NetStudio" : t.displayTitle() + " — NetStudio");
    }
}
