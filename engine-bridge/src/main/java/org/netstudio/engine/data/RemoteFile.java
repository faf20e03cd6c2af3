package org.netstudio.engine.data;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset file that can be downloaded: its name on disk, where to get it (mirrors tried in
 * order), and its known SHA-256 checksum, which every download is checked against.
 *
 * @param fileName the name to save it under, without folders
 * @param mirrors the URLs to try, in order; at least one
 * @param sha256 the expected SHA-256 of the file's bytes, 64 hexadecimal digits
 * @param size the expected size in bytes, for progress when the server does not say; -1 if unknown
 */
public record RemoteFile(String fileName, List<URI> mirrors, String sha256, long size) {

    /** Validates and copies the components; the checksum is kept in lower case. */
    public RemoteFile {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("Invalid file name for a download: '" + fileName + "'");
        }
        mirrors = List.copyOf(mirrors);
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("A download needs at least one URL: " + fileName);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Invalid SHA-256 for " + fileName + ": '" + sha256 + "'");
        }
    }

    /**
     * Creates a remote file available under several base URLs.
     *
     * @param fileName the file name, appended to each base
     * @param sha256 the expected checksum
     * @param size the expected size, or -1
     * @param bases base URLs ending in '/'
     * @return the remote file
     */
    public static RemoteFile at(String fileName, String sha256, long size, String... bases) {
        return new RemoteFile(fileName, java.util.Arrays.stream(bases).map(b -> URI.create(b + fileName)).toList(),
                sha256, size);
    }
}
