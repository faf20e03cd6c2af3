package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.netstudio.app.document.RecentFiles;

/**
 * File › Open Recent and the Start page's recent list: the nets opened or saved lately, newest
 * first. Files that are gone are pruned, and the person is told which.
 */
public final class RecentNets {

    private final RecentFiles recent;
    private final Prompts prompts;
    private final List<Runnable> listeners = new ArrayList<>();

    RecentNets(RecentFiles recent, Prompts prompts) {
        this.recent = recent;
        this.prompts = prompts;
    }

    /** The recent nets, newest first. */
    public List<Path> all() {
        return recent.all();
    }

    /** Told when the list changed. */
    public void onChanged(Runnable r) {
        listeners.add(r);
    }

    /** Puts {@code file} at the top of the list. */
    void remember(Path file) {
        try {
            recent.add(file);
        } catch (IOException e) {
            // the recent list is a convenience
        }
        fireChanged();
    }

    /** Fills File › Open Recent; choosing a net gives it to {@code open}. */
    public void fillMenu(Menu menu, Consumer<Path> open) {
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
            item.setOnAction(e -> open.accept(p));
            menu.getItems().add(item);
        }
        MenuItem clear = new MenuItem("Remove Missing Files");
        clear.setOnAction(e -> prune());
        menu.getItems().addAll(new SeparatorMenuItem(), clear);
    }

    /** Drops recent files that are gone and says which. */
    void prune() {
        List<Path> gone;
        try {
            gone = recent.prune();
        } catch (IOException e) {
            return;
        }
        fireChanged();
        if (!gone.isEmpty()) {
            prompts.inform(gone.size() == 1 ? "A recent net is gone" : gone.size() + " recent nets are gone",
                    "Removed from Open Recent because the file no longer exists:\n"
                            + String.join("\n", gone.stream().map(Path::toString).toList()));
        }
    }

    private void fireChanged() {
        listeners.forEach(Runnable::run);
    }
}
