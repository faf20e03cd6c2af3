package org.netstudio.engine.torchrun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python that has PyTorch, to run an exported project: the one a person picked, else
 * {@code $NETSTUDIO_PYTHON}, else {@code python3} and {@code python} on the {@code PATH}, else
 * {@code /usr/bin/python3} (Debian's {@code python3-torch}). Each candidate is asked for its
 * PyTorch version by running it, so finding takes up to a few seconds: call it off the UI thread.
 */
public final class PythonFinder {

    /** The variable that names a Python to prefer. */
    public static final String VARIABLE = "NETSTUDIO_PYTHON";

    private static final long PROBE_SECONDS = 30;

    /**
     * A Python that imports torch.
     *
     * @param python the executable
     * @param torchVersion {@code torch.__version__}, e.g. {@code 1.13.0a0} or {@code 2.5.1+cpu}
     */
    public record Found(Path python, String torchVersion) {
    }

    private PythonFinder() {
    }

    /** The first candidate that has PyTorch, if any. */
    public static Optional<Found> find() {
        for (Path candidate : candidates()) {
            Optional<Found> found = probe(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Asks one Python for its PyTorch.
     *
     * @param python an executable (a path, or a name looked up on the {@code PATH})
     * @return it with its PyTorch version, or empty when it does not run or cannot import torch
     */
    public static Optional<Found> probe(Path python) {
        Process p;
        try {
            p = new ProcessBuilder(python.toString(), "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            byte[] out = in.readNBytes(64 * 1024);
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\\R");
            return Optional.of(new Found(python, lines[lines.length - 1].strip()));
        } catch (IOException e) {
            p.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The Pythons tried, in order. */
    public static List<Path> candidates() {
        Set<Path> out = new LinkedHashSet<>();
        String chosen = System.getenv(VARIABLE);
        if (chosen != null && !chosen.isBlank()) {
            out.add(Path.of(chosen.strip()));
        }
        for (String name : List.of("python3", "python")) {
            onPath(name).ifPresent(out::add);
        }
        Path debian = Path.of("/usr/bin/python3");
        if (Files.isExecutable(debian)) {
            out.add(debian);
        }
        return new ArrayList<>(out);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path exe = Path.of(dir, windows ? name + ".exe" : name);
            if (Files.isExecutable(exe)) {
                return Optional.of(exe);
            }
        }
        return Optional.empty();
    }
}
