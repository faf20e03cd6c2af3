package org.netstudio.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Downloads dataset files, only when explicitly asked (nothing in NetStudio calls it implicitly).
 *
 * <p>Each file is streamed into a temporary file next to its destination while its SHA-256 is
 * computed; a file whose checksum is not the known one is deleted and the next mirror is tried.
 * Only a verified file is moved (atomically where the file system allows) to its final name, so a
 * crash or an interrupted download never leaves a half-written dataset file behind. A file that is
 * already present with the right checksum is not downloaded again.
 *
 * <p>Blocking: call it from a background thread. The thread's interrupt flag cancels a download.
 * Thread-safe as long as two threads do not download the same file into the same folder.
 */
public final class DatasetDownloader {

    private static final int CHUNK = 1 << 16;
    private static final long PROGRESS_STEP = 1 << 18;

    private final HttpClient client;

    /** Creates a downloader with its own HTTP client (follows redirects, 30 s connect timeout). */
    public DatasetDownloader() {
        this(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build());
    }

    /**
     * Creates a downloader using the given HTTP client.
     *
     * @param client the client, not null
     */
    public DatasetDownloader(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Downloads several files into one folder, one after the other.
     *
     * @param files the files
     * @param folder the destination folder, created if missing
     * @param progress receives progress for each file
     * @throws IOException if a file cannot be downloaded and verified from any mirror
     */
    public void downloadAll(List<RemoteFile> files, Path folder, DownloadProgress progress) throws IOException {
        for (RemoteFile file : files) {
            download(file, folder, progress);
        }
    }

    /**
     * Downloads one file into a folder, trying its mirrors in order, and checks its SHA-256.
     *
     * @param file the file to get
     * @param folder the destination folder, created if missing
     * @param progress receives progress, not null
     * @return the path of the verified file
     * @throws ChecksumMismatchException if every mirror served wrong bytes (the last mismatch)
     * @throws InterruptedIOException if the thread was interrupted
     * @throws IOException if no mirror could be downloaded; the message lists each mirror's error
     */
    public Path download(RemoteFile file, Path folder, DownloadProgress progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        Files.createDirectories(folder);
        Path target = folder.resolve(file.fileName());
        if (Files.isRegularFile(target) && sha256(target).equals(file.sha256())) {
            long size = Files.size(target);
            progress.progress(file, size, size);
            return target;
        }
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (URI uri : file.mirrors()) {
            Path partial = folder.resolve(file.fileName() + ".part");
            try {
                fetch(file, uri, partial, progress);
                move(partial, target);
                return target;
            } catch (InterruptedIOException e) {
                Files.deleteIfExists(partial);
                throw e;
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                failures.add(uri + ": " + e.getMessage());
                last = e;
            }
        }
        if (file.mirrors().size() == 1 && last != null) {
            throw last;
        }
        throw new IOException("Could not download " + file.fileName() + ":\n  " + String.join("\n  ", failures), last);
    }

    private void fetch(RemoteFile file, URI uri, Path partial, DownloadProgress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Download of " + file.fileName() + " was interrupted");
        }
        MessageDigest digest = newSha256();
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the server answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(file.size());
            long done = 0;
            long reported = 0;
            progress.progress(file, 0, total);
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = Files.newOutputStream(partial)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("Download of " + file.fileName() + " was interrupted");
                    }
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    done += n;
                    if (done - reported >= PROGRESS_STEP) {
                        progress.progress(file, done, total);
                        reported = done;
                    }
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(file.sha256())) {
                throw new ChecksumMismatchException(file, uri, actual);
            }
            progress.progress(file, done, total < 0 ? done : total);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Computes the SHA-256 of a file.
     *
     * @param file the file
     * @return 64 lower-case hexadecimal digits
     * @throws IOException if it cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
