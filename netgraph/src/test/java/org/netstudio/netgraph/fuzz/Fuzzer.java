package org.netstudio.netgraph.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link FuzzTarget} over a number of inputs and counts what happened to each: accepted,
 * refused cleanly (the reader's documented error with a one-line message), an unexpected
 * throwable, a hang (no answer within the per-input timeout; the reading thread is abandoned), or
 * an OutOfMemoryError. Input {@code i} of a run with seed {@code s} is made from
 * {@code new Random(s * 1_000_003 + i)}, so any finding can be made again alone.
 */
public final class Fuzzer {

    /** What happened to one input that was not fine. */
    public record Finding(int index, String outcome, String made, String detail) {
        @Override
        public String toString() {
            return "#" + index + " " + outcome + " (" + made + "): " + detail;
        }
    }

    /** The counts of one run. */
    public record Tally(String reader, int tried, int accepted, int refused, int unexpected, int hangs, int outOfMemory,
                        Duration time, List<Finding> findings) {

        public boolean clean() {
            return unexpected == 0 && hangs == 0 && outOfMemory == 0;
        }
    }

    /** Inputs are written here when it exists (Linux's in-memory file system): saving forces files to disk. */
    private static final Path MEMORY = Path.of("/dev/shm");

    private final Duration timeout;
    private final Path findingsDir;

    /**
     * @param timeout     the most one input may take before it counts as a hang
     * @param findingsDir where inputs that were not fine are copied, or null to keep none
     */
    public Fuzzer(Duration timeout, Path findingsDir) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.findingsDir = findingsDir;
    }

    /** Runs inputs {@code from} to {@code from + count - 1} of {@code target} with {@code seed}. */
    public Tally run(FuzzTarget target, long seed, int from, int count) throws IOException {
        Path work = Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
                ? Files.createTempDirectory(MEMORY, "netstudio-fuzz-") : Files.createTempDirectory("netstudio-fuzz-");
        ExecutorService worker = newWorker();
        int accepted = 0;
        int refused = 0;
        int unexpected = 0;
        int hangs = 0;
        int oom = 0;
        List<Finding> findings = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = from; i < from + count; i++) {
                Path dir = Files.createDirectory(work.resolve(Integer.toString(i)));
                Random random = new Random(seed * 1_000_003L + i);
                FuzzInput input;
                try {
                    input = target.input(random, dir);
                } catch (Exception e) {
                    throw new IllegalStateException("the generator of " + target.name() + " failed on input " + i, e);
                }
                Future<Object> reading = worker.submit(() -> target.read(input.path()));
                Finding finding = null;
                try {
                    Object result = reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (input.expected() != null && !input.expected().equals(result)) {
                        unexpected++;
                        finding = new Finding(i, "accepted with changed content", input.made(), String.valueOf(result));
                    } else {
                        accepted++;
                    }
                } catch (TimeoutException e) {
                    hangs++;
                    finding = new Finding(i, "hang", input.made(), "no answer within " + timeout.toMillis() + " ms");
                    reading.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker();
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    if (t instanceof OutOfMemoryError) {
                        oom++;
                        finding = new Finding(i, "out of memory", input.made(), describe(t));
                    } else if (target.isRefusal(t)) {
                        refused++;
                    } else {
                        unexpected++;
                        finding = new Finding(i, "unexpected", input.made(), describe(t));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (finding != null) {
                    findings.add(finding);
                    keep(target, i, dir);
                }
                delete(dir);
            }
        } finally {
            worker.shutdownNow();
            delete(work);
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        return new Tally(target.name(), count, accepted, refused, unexpected, hangs, oom, time, findings);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The throwable's class, message and the frames that show where it came from. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getName()).append(": ");
        String message = String.valueOf(t.getMessage());
        sb.append(message.length() > 300 ? message.substring(0, 300) + "…" : message);
        Arrays.stream(t.getStackTrace()).limit(8).forEach(f -> sb.append("\n    at ").append(f));
        if (t.getCause() != null && t.getCause() != t) {
            sb.append("\n  caused by ").append(describe(t.getCause()).replace("\n", "\n  "));
        }
        return sb.toString();
    }

    private void keep(FuzzTarget target, int index, Path dir) {
        if (findingsDir == null) {
            return;
        }
        Path to = findingsDir.resolve(target.name().replaceAll("[^A-Za-z0-9]+", "-")).resolve(Integer.toString(index));
        try {
            Files.createDirectories(to);
            copy(dir, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree without following links (inputs may link to devices). */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
