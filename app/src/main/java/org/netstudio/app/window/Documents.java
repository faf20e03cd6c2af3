package org.netstudio.app.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.document.RecentFiles;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;

/**
 * The open nets of the window, one {@link NetTab} each, and the file commands on them: New, Open,
 * Open Recent, Save, Save As, Export Picture, closing with a prompt when there are unsaved changes,
 * autosave of unsaved work and its recovery after a crash. The models ({@link OpenNet},
 * {@link Autosave}, {@link RecentFiles}) know no JavaFX; this class adds the tabs and dialogs.
 */
final class Documents {

    private static final ExecutorService ONNX_EXPORTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-onnx-export");
        t.setDaemon(true);
        return t;
    });
    /** Writes saved nets, one at a time and in the order asked, off the UI thread. */
    private static final ExecutorService FILE_WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-save");
        t.setDaemon(true);
        return t;
    });
    /** Reads files opened from the menu or the recent list, one at a time, off the UI thread. */
    private static final ExecutorService FILE_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-open");
        t.setDaemon(true);
        return t;
    });
    private static final ExecutorService AUTOSAVE_IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-autosave");
        t.setDaemon(true);
        return t;
    });

    private final TabPane tabs;
    private final Supplier<Window> owner;
    private final Supplier<List<String>> stylesheets;
    private final Autosave autosave;
    private final RecentFiles recent;
    /** Set when the program ends; read on the FX thread. */
    private boolean exiting;
    private final ReadOnlyObjectWrapper<NetTab> active = new ReadOnlyObjectWrapper<>(this, "active");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "NetStudio");
    private final List<Runnable> recentListeners = new ArrayList<>();
    private FilePicker picker = new SystemFilePicker();
    private CompletableFuture<Void> lastIo = CompletableFuture.completedFuture(null);
    /** ONNX exports, one after another (an untrained net's export initialises it in the engine first). */
    private CompletableFuture<Void> onnxExports = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> saves = CompletableFuture.completedFuture(null);
    /** Saves written off the UI thread, waiting to be marked saved on it. */
    private final java.util.Queue<Map.Entry<NetTab, OpenNet.Save>> written = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private int untitled;
    private long serial;

    Documents(TabPane tabs, Supplier<Window> owner, Supplier<List<String>> stylesheets, Autosave autosave,
              RecentFiles recent) {
        this.tabs = tabs;
        this.owner = owner;
        this.stylesheets = stylesheets;
        this.autosave = autosave;
        this.recent = recent;
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> activate(b));
    }

    /** The net tab in front, or null (the start page, or nothing open). */
    ReadOnlyObjectProperty<NetTab> activeProperty() {
        return active.getReadOnlyProperty();
    }

    NetTab active() {
        return active.get();
    }

    /** "NetStudio", or "*lenet.json — NetStudio" for the net in front. */
    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    List<NetTab> netTabs() {
        return tabs.getTabs().stream().filter(NetTab.class::isInstance).map(NetTab.class::cast).toList();
    }

    void setFilePicker(FilePicker p) {
        picker = p;
    }

    RecentFiles recent() {
        return recent;
    }

    Autosave autosave() {
        return autosave;
    }

    /** Told when the recent list changed. */
    void onRecentChanged(Runnable r) {
        recentListeners.add(r);
    }

    // ---- opening -----------------------------------------------------------------------------

    /** File › New: an empty graph with one input and one output, both still to be typed. */
    NetTab newNet() {
        String name = "Untitled " + (++untitled);
        NetDocument doc = new NetDocument(name, Graph.empty().withInput("Input", PortDecl.UNSPECIFIED)
                .withOutput("Output", PortDecl.UNSPECIFIED), null);
        return add(OpenNet.untitled(doc, name));
    }

    /** Puts a net into a new tab in front of the others. */
    NetTab add(OpenNet net) {
        NetTab tab = new NetTab(net, "net-" + ProcessHandle.current().pid() + "-" + (++serial));
        tab.setOnCloseRequest(e -> {
            if (!confirmDiscard(tab)) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> forget(tab));
        net.addListener(this::updateTitle);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        Platform.runLater(() -> tab.canvas().requestFocus());
        return tab;
    }

    /** File › Open: asks for a file, then reads it off the UI thread. */
    void open() {
        picker.openNet(owner.get()).ifPresent(this::openInBackground);
    }

    /**
     * Opens a net file without making the UI thread wait for it: a tab says it is opening while
     * the file is read (and an ONNX model imported) on a background thread, then the net's tab
     * takes its place. A file open already is shown; a file that does not read is reported, with
     * nothing else changed.
     */
    void openInBackground(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Tab t : tabs.getTabs()) {
            if (t instanceof NetTab n && n.net().file().map(p -> p.normalize().equals(abs)).orElse(false)
                    || t instanceof OpeningTab o && o.file().equals(abs)) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        OpeningTab opening = new OpeningTab(abs);
        tabs.getTabs().add(opening);
        tabs.getSelectionModel().select(opening);
        CompletableFuture.supplyAsync(() -> {
            try {
                return OpenNet.read(abs);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, FILE_READER).whenComplete((net, failure) -> Platform.runLater(() -> {
            int at = tabs.getTabs().indexOf(opening);
            tabs.getTabs().remove(opening);
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof java.io.UncheckedIOException u) {
                    cause = u.getCause();
                }
                prompts().error("Cannot open “" + abs.getFileName() + "”", cause instanceof Exception ex ? message(ex)
                        : String.valueOf(cause));
                return;
            }
            remember(abs);
            NetTab tab = add(net);
            // In the opening tab's place, not at the end.
            if (at >= 0 && at < tabs.getTabs().size() - 1) {
                tabs.getTabs().remove(tab);
                tabs.getTabs().add(at, tab);
                tabs.getSelectionModel().select(tab);
            }
        }));
    }

    /**
     * Opens a net file in a new tab (or shows its tab when it is open already). A file that does not
     * read is reported with the reader's message; nothing else changes.
     */
    Optional<NetTab> open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (NetTab t : netTabs()) {
            if (t.net().file().map(p -> p.normalize().equals(abs)).orElse(false)) {
                tabs.getSelectionModel().select(t);
                return Optional.of(t);
            }
        }
        OpenNet net;
        try {
            net = OpenNet.read(abs);
        } catch (IOException | RuntimeException e) {
            prompts().error("Cannot open “" + abs.getFileName() + "”", message(e));
            return Optional.empty();
        }
        remember(abs);
        return Optional.of(add(net));
    }

    /**
     * Opens a net of the gallery as a new untitled net named after it, with its weights when it has
     * any: shipped with NetStudio, or downloaded on request and cached. Never downloads.
     */
    NetTab openGallery(GalleryEntry entry) {
        GalleryOpening opened = GalleryOpening.of(WindowGallery.get(), entry);
        NetTab tab = add(opened.net());
        opened.problem().ifPresent(p -> prompts().error("The weights of “" + entry.name() + "” could not be used", p));
        return tab;
    }

    /**
     * Opens a gallery net without making the UI thread wait for its file and weights: read on a
     * background thread, then put into a tab. A net that does not load is reported.
     */
    void openGalleryInBackground(GalleryEntry entry) {
        Gallery gallery = WindowGallery.get();
        CompletableFuture.supplyAsync(() -> GalleryOpening.of(gallery, entry))
                .whenComplete((opened, failure) -> Platform.runLater(() -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        prompts().error("Cannot open “" + entry.name() + "”",
                                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
                    } else {
                        add(opened.net());
                        opened.problem().ifPresent(p ->
                                prompts().error("The weights of “" + entry.name() + "” could not be used", p));
                    }
                }));
    }

    /** Fills File › Open Recent; missing files are pruned, and the user is told which. */
    void fillRecentMenu(Menu menu) {
        List<Path> files = recent.all();
        menu.getItems().clear();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("No recent nets");
            none.setDisable(true);
            menu.getItems().add(none);
            return;
        }
        for (Path p : files) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openRecent(p));
            menu.getItems().add(item);
        }
        MenuItem clear = new MenuItem("Remove Missing Files");
        clear.setOnAction(e -> pruneRecent());
        menu.getItems().addAll(new SeparatorMenuItem(), clear);
    }

    void openRecent(Path p) {
        if (!Files.isRegularFile(p)) {
            pruneRecent();
            return;
        }
        openInBackground(p);
    }

    /** Drops recent files that are gone and says which. */
    void pruneRecent() {
        List<Path> gone;
        try {
            gone = recent.prune();
        } catch (IOException e) {
            return;
        }
        fireRecent();
        if (!gone.isEmpty()) {
            prompts().inform(gone.size() == 1 ? "A recent net is gone" : gone.size() + " recent nets are gone",
                    "Removed from Open Recent because the file no longer exists:\n"
                            + String.join("\n", gone.stream().map(Path::toString).toList()));
        }
    }

    // ---- saving ------------------------------------------------------------------------------

    /** File › Save; untitled nets ask where. Returns whether the net was saved. */
    boolean save(NetTab tab) {
        if (tab.net().file().isEmpty()) {
            return saveAs(tab);
        }
        return write(tab, tab.net().file().get());
    }

    /**
     * File › Save from the menu or its shortcut: the net as it is now is written off the UI thread
     * (a net with large weights takes a while), then marked saved; edits made meanwhile keep it
     * dirty. Untitled nets ask where first.
     */
    void saveInBackground(NetTab tab) {
        if (tab.net().file().isEmpty()) {
            saveAsInBackground(tab);
        } else {
            writeInBackground(tab, tab.net().file().get());
        }
    }

    /** File › Save As from the menu: asks where, then writes as {@link #saveInBackground} does. */
    void saveAsInBackground(NetTab tab) {
        String suggested = tab.net().file().map(p -> p.getFileName().toString())
                .orElse(fileName(tab.net().title()) + ".json");
        picker.saveNet(owner.get(), suggested).ifPresent(target -> writeInBackground(tab, target));
    }

    private void writeInBackground(NetTab tab, Path target) {
        OpenNet.Save save = tab.net().save(target);
        saves = saves.thenRunAsync(() -> {
            try {
                save.write();
                written.add(Map.entry(tab, save));
                Platform.runLater(this::applyWrittenSaves);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> prompts().error("Cannot save “" + target.getFileName() + "”", message(e)));
            }
        }, FILE_WRITER);
    }

    /** Marks the nets whose background saves are written as saved (on the UI thread, in order). */
    private void applyWrittenSaves() {
        for (Map.Entry<NetTab, OpenNet.Save> w = written.poll(); w != null; w = written.poll()) {
            w.getKey().net().saved(w.getValue());
            remember(w.getValue().target());
            String key = w.getKey().autosaveKey();
            io(() -> autosave.delete(key));
        }
    }

    /** Completes when every save asked for so far is written (or failed). */
    CompletableFuture<Void> savesDone() {
        return saves;
    }

    /** File › Save As. Returns whether the net was saved. */
    boolean saveAs(NetTab tab) {
        String suggested = tab.net().file().map(p -> p.getFileName().toString())
                .orElse(fileName(tab.net().title()) + ".json");
        Optional<Path> target = picker.saveNet(owner.get(), suggested);
        return target.isPresent() && write(tab, target.get());
    }

    private boolean write(NetTab tab, Path target) {
        try {
            tab.net().saveAs(target);
        } catch (IOException | RuntimeException e) {
            prompts().error("Cannot save “" + target.getFileName() + "”", message(e));
            return false;
        }
        remember(target);
        String key = tab.autosaveKey();
        io(() -> autosave.delete(key));
        return true;
    }

    /** File › Export Picture: the level shown, as PNG (2× for crispness) or SVG. */
    void exportPicture(NetTab tab) {
        Optional<Path> target = picker.savePicture(owner.get(), fileName(tab.net().title()) + ".png");
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                tab.canvas().exportSvg(file);
            } else {
                tab.canvas().exportPng(file, 2);
            }
        } catch (IOException | RuntimeException e) {
            prompts().error("Cannot export “" + file.getFileName() + "”", message(e));
        }
    }

    /**
     * File › Export ONNX: the net in front with its weights (or its seeded initial values) as an ONNX
     * model, written off the UI thread; layers ONNX cannot express are named in the error.
     */
    void exportOnnx(NetTab tab) {
        Optional<Path> target = picker.saveOnnx(owner.get(), fileName(tab.net().title()) + ".onnx");
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        var doc = tab.net().document();
        var weights = tab.net().weights();
        onnxExports = onnxExports.thenRunAsync(() -> {
            try {
                OnnxExport.write(doc, weights, file, 0);
            } catch (IOException | RuntimeException e) {
                javafx.application.Platform.runLater(() ->
                        prompts().error("Cannot export “" + file.getFileName() + "”", message(e)));
            }
        }, ONNX_EXPORTER);
    }

    /** Completes when the ONNX exports asked for so far are written (or failed). */
    java.util.concurrent.CompletableFuture<Void> onnxExportsDone() {
        return onnxExports;
    }

    // ---- closing -----------------------------------------------------------------------------

    /** Closes a tab, asking first when its net has unsaved changes. Returns whether it closed. */
    boolean close(Tab tab) {
        if (tab instanceof NetTab n && !confirmDiscard(n)) {
            return false;
        }
        tabs.getTabs().remove(tab);
        if (tab instanceof NetTab n) {
            forget(n);
        }
        return true;
    }

    /** Closes every tab for quitting; false when the user cancelled at some prompt. */
    boolean closeAll() {
        // A save still being written finishes first, so that its net is not asked about again.
        saves.join();
        applyWrittenSaves();
        for (NetTab t : netTabs()) {
            tabs.getSelectionModel().select(t);
            if (!confirmDiscard(t)) {
                return false;
            }
        }
        for (NetTab t : netTabs()) {
            tabs.getTabs().remove(t);
            forget(t);
        }
        return true;
    }

    /** Save, Don't Save or Cancel for a dirty net; true when it may go. */
    private boolean confirmDiscard(NetTab tab) {
        if (!tab.net().isDirty()) {
            return true;
        }
        tabs.getSelectionModel().select(tab);
        return switch (prompts().askSave(tab.net().title())) {
            case SAVE -> save(tab);
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void forget(NetTab tab) {
        String key = tab.autosaveKey();
        io(() -> autosave.delete(key));
    }

    // ---- autosave and recovery ---------------------------------------------------------------

    /**
     * Writes every net with unsaved changes to the autosave folder, and forgets clean ones. The nets
     * are immutable values, so they are taken here and written on the autosave thread: the UI never
     * waits on the disk. Returns when the writing is done.
     */
    CompletableFuture<Void> autosaveNow() {
        record Snapshot(String key, NetDocument doc, Optional<Path> file, boolean dirty) {
        }
        List<Snapshot> nets = netTabs().stream().map(t -> new Snapshot(t.autosaveKey(), t.net().document(),
                t.net().file(), t.net().isDirty())).toList();
        return io(() -> {
            for (Snapshot n : nets) {
                if (n.dirty()) {
                    autosave.write(n.key(), n.doc(), n.file());
                } else {
                    autosave.delete(n.key());
                }
            }
        });
    }

    /**
     * The program ends: unsaved work is autosaved now, and work a previous run left that is being
     * offered back stays in the autosave folder whatever the dialog answers as it closes.
     *
     * @return completes when the autosave is written
     */
    CompletableFuture<Void> exiting() {
        exiting = true;
        return autosaveNow();
    }

    /** Completes when every autosave write and delete asked for so far is done. */
    CompletableFuture<Void> autosaveIdle() {
        return lastIo;
    }

    /** Autosave files are written and deleted in order, on one background thread. */
    private CompletableFuture<Void> io(IoStep step) {
        lastIo = CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (IOException e) {
                // the next tick (or the next start) tries again; the nets themselves are untouched
            }
        }, AUTOSAVE_IO);
        return lastIo;
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    /**
     * Offers back what a previous run left in the autosave folder (it crashed: a clean exit leaves
     * nothing). Restored nets open as unsaved; declined ones are deleted.
     */
    void offerRecovery() {
        // Saves killed half-way (a crash, kill -9) left temporaries beside the files last worked on.
        List<Path> recentFiles = recent.all();
        io(() -> recentFiles.forEach(AtomicFiles::removeOrphans));
        Autosave.Scan scan = autosave.scan();
        if (!scan.setAside().isEmpty()) {
            prompts().inform(scan.setAside().size() == 1 ? "Some unsaved work cannot be restored"
                    : scan.setAside().size() + " nets of unsaved work cannot be restored",
                    String.join("\n", scan.setAside().stream().map(a -> a.reason() + "; it was kept in "
                            + a.keptAt() + ".").toList()));
        }
        List<Autosave.Recovered> found = scan.recovered();
        if (found.isEmpty()) {
            return;
        }
        List<String> names = found.stream().map(r -> r.file().map(p -> p.getFileName().toString())
                .orElse(r.document().name().isBlank() ? "an untitled net" : r.document().name())).toList();
        boolean restore = prompts().askRestore(names);
        if (exiting) {
            // The program ends while asking (the dialog closed with it): offer it all again next time.
            return;
        }
        if (restore) {
            for (Autosave.Recovered r : found) {
                add(recovered(r));
            }
        }
        for (Autosave.Recovered r : found) {
            try {
                autosave.delete(r.key());
            } catch (IOException e) {
                // offered again next time
            }
        }
        if (restore) {
            autosaveNow();
        }
    }

    private static OpenNet recovered(Autosave.Recovered r) {
        NetDocument now = r.document();
        NetDocument saved = null;
        if (r.file().isPresent() && Files.isRegularFile(r.file().get())) {
            try {
                saved = OpenNet.read(r.file().get()).document();
            } catch (IOException | RuntimeException e) {
                saved = null;
            }
        }
        if (saved == null) {
            saved = new NetDocument(now.name(), Graph.empty(), null);
        }
        String name = now.name().isBlank() ? "Recovered" : now.name();
        return OpenNet.recovered(saved, now, r.file().filter(Files::isRegularFile).orElse(null), name);
    }

    /** A clean exit: nothing is left to recover. Waits (briefly) for the autosave thread to finish. */
    void clearAutosave() {
        try {
            io(autosave::clear).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // offered again at the next start; harmless
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void activate(Tab tab) {
        active.set(tab instanceof NetTab n ? n : null);
        updateTitle();
    }

    private void updateTitle() {
        NetTab t = active.get();
        title.set(t == null ? "NetStudio" : t.displayTitle() + " — NetStudio");
    }

    private void remember(Path file) {
        try {
            recent.add(file);
        } catch (IOException e) {
            // the recent list is a convenience
        }
        fireRecent();
    }

    private void fireRecent() {
        recentListeners.forEach(Runnable::run);
    }

    private Prompts prompts() {
        return new Prompts(owner.get(), stylesheets.get());
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String fileName(String title) {
        String base = title.replaceAll("[\\\\/:*?\"<>|]", "_").strip();
        return base.isEmpty() ? "net" : base;
    }
}
