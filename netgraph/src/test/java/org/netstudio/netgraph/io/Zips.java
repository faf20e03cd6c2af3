package org.netstudio.netgraph.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip files made as a test needs them, entries in the map's order and as they come (for .nsnet and .pth readers). */
public final class Zips {

    private Zips() {
    }

    /** Writes a zip of the entries (name, content) to {@code file}; returns the file. */
    public static Path write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }
}
