package org.netstudio.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where datasets are looked for on disk. A dataset named {@code name} (e.g. {@code
 * fashion-mnist}) is looked for in {@code root/name} for each root in order; the standard roots
 * are Debian's {@code /usr/share/datasets} (package {@code dataset-fashion-mnist}), the user's
 * {@code ~/.netstudio/datasets}, and the download cache ({@code $XDG_CACHE_HOME/netstudio/datasets},
 * by default {@code ~/.cache/netstudio/datasets}), which is also where downloads go.
 *
 * <p>Looking never downloads anything. Immutable and thread-safe.
 */
public final class DatasetLocator {

    private final List<Path> roots;
    private final Path cacheRoot;

    /**
     * Creates a locator.
     *
     * @param roots folders holding one sub-folder per dataset, searched in order; copied
     * @param cacheRoot the folder downloads go to (searched last if not among the roots)
     */
    public DatasetLocator(List<Path> roots, Path cacheRoot) {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        List<Path> all = new ArrayList<>(roots);
        if (!all.contains(cacheRoot)) {
            all.add(cacheRoot);
        }
        this.roots = List.copyOf(all);
        this.cacheRoot = cacheRoot;
    }

    /** The standard locations described above, for the current user. */
    public static DatasetLocator standard() {
        Path home = Path.of(System.getProperty("user.home"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache"))
                .resolve("netstudio").resolve("datasets");
        return new DatasetLocator(
                List.of(Path.of("/usr/share/datasets"), home.resolve(".netstudio").resolve("datasets")), cache);
    }

    /**
     * The folders where a dataset is looked for, in order.
     *
     * @param name the dataset's folder name
     * @return one folder per root
     */
    public List<Path> candidates(String name) {
        List<Path> folders = new ArrayList<>();
        for (Path root : roots) {
            folders.add(root.resolve(name));
        }
        return List.copyOf(folders);
    }

    /**
     * Finds the first candidate folder that is complete.
     *
     * @param name the dataset's folder name
     * @param complete tells whether a folder holds everything the dataset needs
     * @return the folder, or empty when no candidate is complete
     */
    public Optional<Path> find(String name, Predicate<Path> complete) {
        for (Path folder : candidates(name)) {
            if (Files.isDirectory(folder) && complete.test(folder)) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /**
     * The folder that downloads of a dataset go to.
     *
     * @param name the dataset's folder name
     * @return {@code cacheRoot/name} (not created)
     */
    public Path cacheFolder(String name) {
        return cacheRoot.resolve(name);
    }
}
