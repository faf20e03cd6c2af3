package org.netstudio.app.gallery;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a gallery net's pretrained weights can be downloaded, as its index entry states them: a
 * PyTorch state_dict ({@code .pth}) whose module names are the net's node names.
 *
 * @param url     the file's address; its last path segment names the cached file
 * @param sha256  the file's SHA-256 in lower-case hex: all 64 digits, or only a published prefix
 *                (torchvision names its files by the first 8 to 10), which is then all that is checked
 * @param bytes   the file's size in bytes, or 0 when not stated (a progress hint only)
 * @param license the terms the weights come with, in words
 */
public record WeightsDownload(URI url, String sha256, long bytes, String license) {

    public WeightsDownload {
        Objects.requireNonNull(url, "url");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("a SHA-256 needs 8 to 64 hex digits, but got \"" + sha256 + "\"");
        }
        license = license == null ? "" : license;
    }

    /** The cached file's name: the URL's last path segment ("resnet18-f37072fd.pth"). */
    public String fileName() {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether a file's full SHA-256 (64 hex digits) agrees with the digits this download states. */
    public boolean matches(String actualSha256) {
        return actualSha256.toLowerCase(Locale.ROOT).startsWith(sha256);
    }
}
