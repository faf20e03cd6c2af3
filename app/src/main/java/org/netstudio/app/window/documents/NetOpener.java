package org.netstudio.app.window.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.scene.control.Tab;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;

/**
 * File › Open, Open Recent and the gallery: nets into tabs. A file open already is shown; a file or
 * gallery net that does not load is reported with the reader's message, with nothing else changed.
 * An opened file goes to the top of the recent list.
 */
public final class NetOpener {

    /** Reads files opened from the menu or the recent list, one at a time, off the UI thread. */
    private static final ExecutorService FILE_READER = DaemonThreads.single("netstudio-open");

    private final NetTabs tabs;
    private final Prompts prompts;
    private final Supplier<FilePicker> picker;
    private final RecentNets recent;

    NetOpener(NetTabs tabs, Prompts prompts, Supplier<FilePicker> picker, RecentNets recent) {
        this.tabs = tabs;
        this.prompts = prompts;
        this.picker = picker;
        this.recent = recent;
    }

    /** File › Open: asks for a file, then reads it off the UI thread. */
    public void open() {
        picker.get().openNet(prompts.owner()).ifPresent(this::openInBackground);
    }

    /** A net of File › Open Recent; a file that is gone is pruned from the list instead. */
    public void openRecent(Path p) {
        if (!Files.isRegularFile(p)) {
            recent.prune();
            return;
        }
        openInBackground(p);
    }

    /**
     * Opens a net file without making the UI thread wait for it: a tab says it is opening while
     * the file is read (and an ONNX model imported) on a background thread, then the net's tab
     * takes its place.
     */
    void openInBackground(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Tab t : tabs.tabs()) {
            if (t instanceof NetTab n && isOf(n, abs) || t instanceof OpeningTab o && o.file().equals(abs)) {
                tabs.select(t);
                return;
            }
        }
        OpeningTab opening = new OpeningTab(abs);
        List<Tab> all = tabs.tabs();
        all.add(opening);
        tabs.select(opening);
        CompletableFuture.supplyAsync(() -> {
            try {
                return OpenNet.read(abs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, FILE_READER).whenComplete((net, failure) -> Platform.runLater(() -> {
            int at = all.indexOf(opening);
            all.remove(opening);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof UncheckedIOException u) {
                    cause = u.getCause();
                }
                prompts.error("Cannot open “" + abs.getFileName() + "”", cause instanceof Exception ex
                        ? Prompts.message(ex) : String.valueOf(cause));
                return;
            }
            recent.remember(abs);
            NetTab tab = tabs.add(net);
            // In the opening tab's place, not at the end.
            if (at >= 0 && at < all.size() - 1) {
                all.remove(tab);
                all.add(at, tab);
                tabs.select(tab);
            }
        }));
    }

    /** Opens a net file in a new tab at once (or shows its tab when it is open already). */
    public Optional<NetTab> open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (NetTab t : tabs.all()) {
            if (isOf(t, abs)) {
                tabs.select(t);
                return Optional.of(t);
            }
        }
        OpenNet net;
        try {
            net = OpenNet.read(abs);
        } catch (IOException | RuntimeException e) {
            prompts.error("Cannot open “" + abs.getFileName() + "”", e);
            return Optional.empty();
        }
        recent.remember(abs);
        return Optional.of(tabs.add(net));
    }

    private static boolean isOf(NetTab tab, Path file) {
        return tab.net().file().map(p -> p.normalize().equals(file)).orElse(false);
    }

    /**
     * Opens a net of the gallery as a new untitled net named after it, with its weights when it has
     * any: shipped with NetStudio, or downloaded on request and cached. Never downloads.
     */
    public NetTab openGallery(GalleryEntry entry) {
        return show(entry, GalleryOpening.of(WindowGallery.get(), entry));
    }

    /**
     * Opens a gallery net without making the UI thread wait for its file and weights: read on a
     * background thread, then put into a tab.
     */
    public void openGalleryInBackground(GalleryEntry entry) {
        Gallery gallery = WindowGallery.get();
        tabs.addInBackground(() -> GalleryOpening.of(gallery, entry), "Cannot open “" + entry.name() + "”",
                opened -> show(entry, opened));
    }

    /** Puts the gallery net into a tab in front, and says why its weights could not be used, if so. */
    private NetTab show(GalleryEntry entry, GalleryOpening opened) {
        NetTab tab = tabs.add(opened.net());
        opened.problem().ifPresent(p -> prompts.error("The weights of “" + entry.name() + "” could not be used", p));
        return tab;
    }
}
