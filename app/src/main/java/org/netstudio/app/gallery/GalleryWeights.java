package org.netstudio.app.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.io.torch.StateDictMapping;
import org.netstudio.netgraph.io.torch.TorchCheckpoint;
import org.netstudio.netgraph.net.NetNode;

/**
 * Pretrained weights of gallery nets, downloaded only when asked ({@link #download}) into a cache
 * folder and read from there afterwards: a PyTorch state_dict, or an archive holding an ONNX model
 * and its tokenizer ({@link #imported}, {@link #archived}). A download streams into {@code <name>.part} while its
 * SHA-256 is computed; a file whose checksum disagrees with the index is deleted and refused, and
 * only a verified file is renamed (atomically where the file system allows) to its final name, so
 * a file in the cache under its final name has been verified once and is trusted from then on.
 *
 * <p>The cache is {@code ~/.cache/netstudio/weights}, or the folder named by the system property
 * {@value #CACHE_PROPERTY}. Blocking: call it from a background thread; a {@link WeightsCancel}
 * cancels a download (an interrupt only between chunks: the JDK's HTTP stream waits through one). Thread-safe as long as two threads do not download the same file at once.
 *
 * <p>Not DatasetDownloader (engine-bridge): that one insists on a full SHA-256, while torchvision
 * publishes only a prefix of its files' hashes (in their names).
 */
public final class GalleryWeights {

    /** The system property that overrides the cache folder. */
    public static final String CACHE_PROPERTY = "netstudio.weights.cache";

    private static final int CHUNK = 1 << 16;

    /** Told how a download goes: bytes so far and in all (-1 when the server does not say). */
    @FunctionalInterface
    public interface Progress {
        void progress(long done, long total);
    }

    private final Path folder;
    /** Made on the first download: an HTTP client starts a thread, and most sessions never download. */
    private HttpClient client;

    /** A cache in {@code folder}, downloading with {@code client}. */
    public GalleryWeights(Path folder, HttpClient client) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A cache in {@code folder}, downloading with a client of its own (following redirects). */
    public GalleryWeights(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
        }
        return client;
    }

    /** The user's cache (see the class comment); creating it costs nothing until a download. */
    public static GalleryWeights standard() {
        String override = System.getProperty(CACHE_PROPERTY);
        Path folder = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "netstudio", "weights");
        return new GalleryWeights(folder);
    }

    public Path folder() {
        return folder;
    }

    /**
     * The verified file of this entry's weights, when it has been downloaded before. A file of another size
     * than the entry states (cut short or damaged since) counts as not downloaded, so the person is told to
     * download it again rather than shown an unreadable file's error; the next download replaces it.
     */
    public Optional<Path> cached(GalleryEntry entry) {
        return entry.weightsDownload().flatMap(d -> Optional.of(folder.resolve(d.fileName()))
                .filter(Files::isRegularFile).filter(f -> d.bytes() == 0 || sizeOf(f) == d.bytes()));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The entry's weights file, downloaded and verified now unless it already is in the cache
     * (then progress is told once, all done). Throws IllegalArgumentException when the entry offers
     * no weights, and IOException when the download fails or its checksum is wrong (the message
     * says which, and a wrong checksum is a {@link WeightsChecksumException}; nothing is left in the cache).
     */
    public Path download(GalleryEntry entry, Progress progress) throws IOException {
        return download(entry, progress, new WeightsCancel());
    }

    /**
     * As {@link #download(GalleryEntry, Progress)}, stopped from another thread by {@code cancel}: it
     * then throws an InterruptedIOException, and nothing is left in the cache.
     */
    public Path download(GalleryEntry entry, Progress progress, WeightsCancel cancel) throws IOException {
        WeightsDownload d = entry.weightsDownload().orElseThrow(() -> new IllegalArgumentException(
                "the gallery offers no pretrained weights for \"" + entry.id() + "\""));
        Path target = folder.resolve(d.fileName());
        if (cached(entry).isPresent()) {
            long size = Files.size(target);
            progress.progress(size, size);
            return target;
        }
        Files.createDirectories(folder);
        Path partial = folder.resolve(d.fileName() + ".part");
        try {
            String actual = fetch(d, partial, progress, cancel);
            if (!d.matches(actual)) {
                throw new WeightsChecksumException(d.fileName() + " from " + d.url() + " has SHA-256 " + actual + ", not "
                        + d.sha256() + (d.sha256().length() < 64 ? "…" : "")
                        + "; the file was deleted (a broken download, or the server changed it)");
            }
            move(partial, target);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * The weights of a downloaded entry for its net, read from the cache; empty when they have not
     * been downloaded. Throws when the cached file cannot be read or does not fit the net. For an
     * archive, see {@link #imported(GalleryEntry)}.
     */
    public Optional<Weights> load(GalleryEntry entry, NetNode net) throws IOException {
        Optional<Path> file = cached(entry);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StateDictMapping.weights(net, TorchCheckpoint.read(file.get()),
                file.get().getFileName().toString()));
    }

    /**
     * The ONNX model in a downloaded archive, imported (net and weights); empty when it has not been
     * downloaded. Throws when the archive lacks the model or it cannot be imported.
     */
    public Optional<OnnxImport> imported(GalleryEntry entry) throws IOException {
        if (cached(entry).isEmpty()) {
            return Optional.empty();
        }
        String model = entry.weightsDownload().orElseThrow().model();
        return Optional.of(OnnxImporter.read(archived(entry, model), model));
    }

    /**
     * A file inside an entry's downloaded archive (its ONNX model, its tokenizer.json). Throws
     * {@link NotDownloadedException} saying how to download it when it is not in the cache, and
     * IOException when the archive has no such file or cannot be read.
     */
    public byte[] archived(GalleryEntry entry, String name) throws IOException {
        Path archive = cached(entry).orElseThrow(() -> new NotDownloadedException(howToDownload(entry)));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            java.util.zip.ZipEntry file = zip.getEntry(name);
            if (file == null) {
                throw new IOException(archive.getFileName() + " has no " + name);
            }
            try (InputStream in = zip.getInputStream(file)) {
                return in.readAllBytes();
            }
        }
    }

    /** The sentence that says how to get an entry's download, from the command line or the window. */
    public static String howToDownload(GalleryEntry entry) {
        String size = entry.weightsDownload().filter(d -> d.bytes() > 0).map(d -> " (" + WeightsDownload.size(d.bytes()) + ")")
                .orElse("");
        return entry.name() + " is not downloaded yet: run netstudio gallery download " + entry.id() + size
                + ", or press Download weights on its card in the gallery.";
    }

    private String fetch(WeightsDownload d, Path partial, Progress progress, WeightsCancel cancel) throws IOException {
        try {
            return fetchUncancelled(d, partial, progress, cancel);
        } catch (IOException e) {
            if (cancel.cancelled() && !(e instanceof InterruptedIOException)) {
                // The stream was closed under the reader: say cancelled, not "closed".
                InterruptedIOException stopped = new InterruptedIOException("the download of " + d.fileName() + " was cancelled");
                stopped.initCause(e);
                throw stopped;
            }
            throw e;
        }
    }

    private String fetchUncancelled(WeightsDownload d, Path partial, Progress progress, WeightsCancel cancel)
            throws IOException {
        if (cancel.cancelled()) {
            throw new InterruptedIOException("the download of " + d.fileName() + " was cancelled");
        }
        HttpRequest request = HttpRequest.newBuilder(d.url()).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the download of " + d.fileName() + " was interrupted");
        }
        MessageDigest digest = sha256();
        try (InputStream in = response.body()) {
            cancel.attach(in);
            if (response.statusCode() != 200) {
                throw new IOException(d.url() + " answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(d.bytes() > 0 ? d.bytes() : -1);
            long done = 0;
            progress.progress(0, total);
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = Files.newOutputStream(partial)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (Thread.currentThread().isInterrupted() || cancel.cancelled()) {
                        throw new InterruptedIOException("the download of " + d.fileName() + " was interrupted");
                    }
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    done += n;
                    progress.progress(done, total);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
