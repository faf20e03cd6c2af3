package org.netstudio.app.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.netstudio.netgraph.io.AtomicFiles;

/**
 * The nets opened or saved last, newest first, persisted one path a line in a text file
 * ({@code <data>/recent.txt}). Files that no longer exist are pruned when the list is read. No JavaFX.
 */
public final class RecentFiles {

    public static final int LIMIT = 10;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    public static RecentFiles inDataFolder() {
        return new RecentFiles(DataFolder.resolve().resolve("recent.txt"));
    }

    /** The list, newest first, as stored (missing files included). */
    public List<Path> all() {
        if (!Files.isRegularFile(store)) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(Path.of(line.strip()));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Puts {@code file} first (once) and keeps at most {@link #LIMIT}. */
    public void add(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(all());
        list.remove(abs);
        list.add(0, abs);
        store(list.subList(0, Math.min(LIMIT, list.size())));
    }

    /** Removes files that no longer exist; returns those removed so the user can be told. */
    public List<Path> prune() throws IOException {
        List<Path> kept = new ArrayList<>();
        List<Path> gone = new ArrayList<>();
        for (Path p : all()) {
            (Files.isRegularFile(p) ? kept : gone).add(p);
        }
        if (!gone.isEmpty()) {
            store(kept);
        }
        return gone;
    }

    private void store(List<Path> list) throws IOException {
        Files.createDirectories(store.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder();
        list.forEach(p -> text.append(p).append('\n'));
        AtomicFiles.write(store, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
