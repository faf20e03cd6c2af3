package org.netstudio.app.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Unsaved work kept in a folder ({@code <data>/autosave}): one net file per dirty net, keyed by the
 * window, plus the path of the file it belongs to, if any. A clean exit deletes everything, so what
 * is found at start-up was left by a crash and is offered back. Writes are atomic; no JavaFX.
 *
 * <p>Only nets that read and check (whole-net inference runs to the end) are offered back. Any
 * other is moved aside, into {@code <data>/autosave-set-aside}, and reported with the reason, so
 * that nothing is lost and nothing broken opens. Temporaries of saves killed half-way are removed
 * when the folder is scanned.
 */
public final class Autosave {

    private static final String NET = ".json";
    private static final String ORIGIN = ".origin";

    /** Work found in the folder: the net as it was, and the file it belonged to (if saved before). */
    public record Recovered(String key, NetDocument document, Optional<Path> file) {
    }

    /**
     * Work found in the folder that cannot be offered back.
     *
     * @param key    its key
     * @param keptAt where the net file was moved
     * @param reason why it cannot be offered back, for people
     */
    public record SetAside(String key, Path keptAt, String reason) {
    }

    /**
     * What a scan of the folder found.
     *
     * @param recovered the work to offer back, oldest first
     * @param setAside  the work moved aside, with the reasons
     */
    public record Scan(List<Recovered> recovered, List<SetAside> setAside) {
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

    /** Where work that cannot be offered back is moved: {@code <data>/autosave-set-aside}. */
    public Path setAsideFolder() {
        return folder.resolveSibling(folder.getFileName() + "-set-aside");
    }

    /** The work a previous run left behind that reads and checks, oldest first; see {@link #scan()}. */
    public List<Recovered> find() {
        return scan().recovered();
    }

    /**
     * Looks through the work a previous run left behind: nets that read and check are offered
     * back; any other is moved to {@link #setAsideFolder()} and reported. Removes the temporaries
     * of killed autosaves.
     */
    public Scan scan() {
        AtomicFiles.removeOrphansIn(folder);
        List<Recovered> out = new ArrayList<>();
        List<SetAside> aside = new ArrayList<>();
        for (Recovered r : findUnreadable()) {
            Path file = folder.resolve(r.key() + NET);
            String problem;
            NetDocument doc = null;
            try {
                doc = NetFileReader.read(file);
                problem = checkProblem(doc);
            } catch (IOException e) {
                problem = e.getMessage() == null ? "It cannot be read (" + e + ")" : e.getMessage();
            } catch (RuntimeException | StackOverflowError e) {
                problem = cannot("read", e);
            }
            if (problem == null) {
                out.add(new Recovered(r.key(), doc, r.file()));
            } else {
                moveAside(r.key(), problem).ifPresent(aside::add);
            }
        }
        return new Scan(out, aside);
    }

    /** Null when whole-net inference runs to the end (diagnostics are fine: work in progress may be invalid). */
    private static String checkProblem(NetDocument doc) {
        try {
            ShapeInference.infer(doc.net());
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return cannot("check", e);
        }
    }

    /** "NetStudio cannot check this net (it is nested too deeply)". */
    private static String cannot(String what, Throwable e) {
        return "NetStudio cannot " + what + " this net (" + (e instanceof StackOverflowError ? "it is nested too deeply"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }

    private Optional<SetAside> moveAside(String key, String reason) {
        Path aside = setAsideFolder();
        try {
            Files.createDirectories(aside);
            Path target = aside.resolve(key + NET);
            Files.move(folder.resolve(key + NET), target, StandardCopyOption.REPLACE_EXISTING);
            Path origin = folder.resolve(key + ORIGIN);
            if (Files.exists(origin)) {
                Files.move(origin, aside.resolve(key + ORIGIN), StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(new SetAside(key, target, reason));
        } catch (IOException e) {
            // Left where it is: skipped again next time, never offered.
            return Optional.empty();
        }
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
