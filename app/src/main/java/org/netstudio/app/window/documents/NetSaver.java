package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.netstudio.app.document.OpenNet;

/**
 * File › Save and Save As. From the menu the net as it is now is written off the UI thread (a net
 * with large weights takes a while), then marked saved on it; edits made meanwhile keep it dirty.
 * When closing asks, the save happens at once. Untitled nets ask where first. A saved net goes to
 * the top of the recent list and out of the autosave folder.
 */
public final class NetSaver {

    /** Writes saved nets, one at a time and in the order asked, off the UI thread. */
    private static final ExecutorService FILE_WRITER = DaemonThreads.single("netstudio-save");

    private final Prompts prompts;
    private final Supplier<FilePicker> picker;
    private final RecentNets recent;
    private final AutosaveWriter autosave;
    private CompletableFuture<Void> saves = CompletableFuture.completedFuture(null);
    /** Saves written off the UI thread, waiting to be marked saved on it. */
    private final Queue<Map.Entry<NetTab, OpenNet.Save>> written = new ConcurrentLinkedQueue<>();

    NetSaver(Prompts prompts, Supplier<FilePicker> picker, RecentNets recent, AutosaveWriter autosave) {
        this.prompts = prompts;
        this.picker = picker;
        this.recent = recent;
        this.autosave = autosave;
    }

    /** File › Save from the menu or its shortcut, written in the background. */
    public void saveInBackground(NetTab tab) {
        if (tab.net().file().isEmpty()) {
            saveAsInBackground(tab);
        } else {
            writeInBackground(tab, tab.net().file().get());
        }
    }

    /** File › Save As from the menu: asks where, then writes as {@link #saveInBackground} does. */
    public void saveAsInBackground(NetTab tab) {
        askWhere(tab).ifPresent(target -> writeInBackground(tab, target));
    }

    /** Completes when every save asked for so far is written (or failed). */
    public CompletableFuture<Void> done() {
        return saves;
    }

    /** Waits for the saves being written and marks their nets saved (before quitting asks about them). */
    void finishWrites() {
        saves.join();
        applyWrittenSaves();
    }

    /** Saves now (closing asked); untitled nets ask where. Returns whether the net was saved. */
    boolean save(NetTab tab) {
        if (tab.net().file().isEmpty()) {
            Optional<Path> target = askWhere(tab);
            return target.isPresent() && write(tab, target.get());
        }
        return write(tab, tab.net().file().get());
    }

    private Optional<Path> askWhere(NetTab tab) {
        String suggested = tab.net().file().map(p -> p.getFileName().toString()).orElse(tab.fileStem() + ".json");
        return picker.get().saveNet(prompts.owner(), suggested);
    }

    private void writeInBackground(NetTab tab, Path target) {
        OpenNet.Save save = tab.net().save(target);
        saves = saves.thenRunAsync(() -> {
            try {
                save.write();
                written.add(Map.entry(tab, save));
                Platform.runLater(this::applyWrittenSaves);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> prompts.error("Cannot save “" + target.getFileName() + "”", e));
            }
        }, FILE_WRITER);
    }

    /** Marks the nets whose background saves are written as saved (on the UI thread, in order). */
    private void applyWrittenSaves() {
        for (Map.Entry<NetTab, OpenNet.Save> w = written.poll(); w != null; w = written.poll()) {
            w.getKey().net().saved(w.getValue());
            recent.remember(w.getValue().target());
            autosave.forget(w.getKey());
        }
    }

    private boolean write(NetTab tab, Path target) {
        try {
            tab.net().saveAs(target);
        } catch (IOException | RuntimeException e) {
            prompts.error("Cannot save “" + target.getFileName() + "”", e);
            return false;
        }
        recent.remember(target);
        autosave.forget(tab);
        return true;
    }
}
