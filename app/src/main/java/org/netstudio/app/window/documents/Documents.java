package org.netstudio.app.window.documents;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javafx.scene.control.TabPane;
import javafx.stage.Window;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.RecentFiles;

/**
 * The open nets of the window and the file commands on them, each a class of its own, wired
 * together: the tabs ({@link NetTabs}), opening ({@link NetOpener}), the recent list
 * ({@link RecentNets}), saving ({@link NetSaver}), exporting ({@link NetExporter}), importing weights ({@link WeightsImporter}), the autosave
 * of unsaved work ({@link AutosaveWriter}) and its recovery after a crash ({@link Recovery}). They
 * ask the person through one file picker and the window's prompts. The models they act on
 * ({@link org.netstudio.app.document.OpenNet}, {@link Autosave}, {@link RecentFiles}) know no JavaFX.
 */
public final class Documents {

    private final NetTabs tabs;
    private final NetOpener opener;
    private final RecentNets recent;
    private final NetSaver saver;
    private final NetExporter exporter;
    private final WeightsImporter weightsImporter;
    private final AutosaveWriter autosave;
    private final Recovery recovery;
    private final SentenceClassifierMaker classifiers;
    private FilePicker picker = new SystemFilePicker();

    /**
     * @param tabs the window's tab pane, where the nets show
     * @param owner the window the dialogs belong to
     * @param stylesheets the window's stylesheets now, for the dialogs
     * @param note shows what a file command did in the status bar
     */
    public Documents(TabPane tabs, Supplier<Window> owner, Supplier<List<String>> stylesheets, Autosave autosave,
                     RecentFiles recent, java.util.function.Consumer<String> note) {
        Prompts prompts = new Prompts(owner, stylesheets);
        Supplier<FilePicker> filePicker = () -> picker;
        this.autosave = new AutosaveWriter(autosave);
        this.recent = new RecentNets(recent, prompts);
        this.saver = new NetSaver(prompts, filePicker, this.recent, this.autosave);
        this.tabs = new NetTabs(tabs, prompts, saver, this.autosave);
        this.opener = new NetOpener(this.tabs, prompts, filePicker, this.recent);
        this.exporter = new NetExporter(prompts, filePicker, note);
        this.weightsImporter = new WeightsImporter(prompts, filePicker, note);
        this.classifiers = new SentenceClassifierMaker(this.tabs, prompts);
        this.recovery = new Recovery(this.autosave, this.tabs, this.recent, prompts);
    }

    public NetTabs tabs() {
        return tabs;
    }

    public NetOpener opener() {
        return opener;
    }

    public RecentNets recent() {
        return recent;
    }

    public NetSaver saver() {
        return saver;
    }

    public NetExporter exporter() {
        return exporter;
    }

    public WeightsImporter weightsImporter() {
        return weightsImporter;
    }

    public SentenceClassifierMaker classifiers() {
        return classifiers;
    }

    public AutosaveWriter autosave() {
        return autosave;
    }

    public Recovery recovery() {
        return recovery;
    }

    /**
     * The program ends: unsaved work is autosaved now, and work a previous run left that is being
     * offered back stays in the autosave folder whatever the dialog answers as it closes.
     *
     * @return completes when the autosave is written
     */
    public CompletableFuture<Void> exiting() {
        recovery.programEnds();
        return autosave.write(tabs.all());
    }

    /** Where the file commands ask for files (tests give their own). */
    public void setFilePicker(FilePicker p) {
        picker = p;
    }
}
