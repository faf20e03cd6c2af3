package org.netstudio.app.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Unsaved work kept in a folder ({@code <data>/autosave}): one net file per dirty net, keyed by the
 * window, plus the path of the file it belongs to, if any. A clean exit deletes everything, so what
 * is found at start-up was left by a crash and is offered back. Writes are atomic; no JavaFX.
 */
public final class Autosave {

    private static final String NET = ".json";
    private static final String ORIGIN = ".origin";

    /** Work found in the folder: the net as it was, and the file it belonged to (if saved before). */
    public record Recovered(String key, NetDocument document, Optional<Path> file) {
    }

    private final Path folder;

    public Autosave(Path folder) {
        this.folder = folder;
    }

    /** {@code <data folder>/autosave}. */
    public static Autosave inDataFolder() {
        return new Autosave(DataFolder.resolve().resolve("autosave"));
    }

    public Path folder() {
        return folder;
    }

    /** Keeps {@code doc} under {@code key}, replacing what was kept before. */
    public void write(String key, NetDocument doc, Optional<Path> file) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(key + NET), NetFileWriter.toBytes(doc));
        Path origin = folder.resolve(key + ORIGIN);
        if (file.isPresent()) {
            AtomicFiles.write(origin, file.get().toString().getBytes(StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(origin);
        }
    }

    /** Forgets the work kept under {@code key} (saved, closed or discarded). */
    public void delete(String key) throws IOException {
        Files.deleteIfExists(folder.resolve(key + NET));
        Files.deleteIfExists(folder.resolve(key + ORIGIN));
    }

    /** Forgets everything (a clean exit, or the user declined the recovery). */
    public void clear() throws IOException {
        for (Recovered r : findUnreadable()) {
            delete(r.key());
        }
    }

    /**
     * The work a previous run left behind, oldest first. Files that do not read are skipped (a crash
     * can only have left the last complete version, as writes are atomic).
     */
    public List<Recovered> find() {
        List<Recovered> out = new ArrayList<>();
        for (Recovered r : findUnreadable()) {
            try {
                NetDocument doc = NetFileReader.read(folder.resolve(r.key() + NET));
                out.add(new Recovered(r.key(), doc, r.file()));
            } catch (IOException e) {
                // not ours to fix: the net is skipped, the file stays until a clean exit
            }
        }
        return out;
    }

    /** Keys and origins of every kept net, without reading the nets. */
    private List<Recovered> findUnreadable() {
        List<Path> nets = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + NET)) {
                dir.forEach(nets::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        nets.sort((a, b) -> Long.compare(modified(a), modified(b)));
        List<Recovered> out = new ArrayList<>();
        for (Path p : nets) {
            String name = p.getFileName().toString();
            String key = name.substring(0, name.length() - NET.length());
            out.add(new Recovered(key, null, origin(key)));
        }
        return out;
    }

    private Optional<Path> origin(String key) {
        Path origin = folder.resolve(key + ORIGIN);
        try {
            return Files.isRegularFile(origin)
                    ? Optional.of(Path.of(Files.readString(origin, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
