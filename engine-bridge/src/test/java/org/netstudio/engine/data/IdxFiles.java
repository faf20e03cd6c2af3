package org.netstudio.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX test files. */
final class IdxFiles {

    private IdxFiles() {}

    static byte[] idx(int type, int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(values);
        return b.array();
    }

    static byte[] ubyte(int[] dims, byte[] values) {
        return idx(0x08, dims, values);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Path write(Path folder, String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        return file;
    }

    static byte[] sequence(int n) {
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) {
            values[i] = (byte) (i * 7);
        }
        return values;
    }

    /** A fake MNIST-style folder: count images of rows×cols and labels, for train and test. */
    static void mnistFolder(Path folder, int trainCount, int testCount, int rows, int cols, boolean gzipped)
            throws IOException {
        Files.createDirectories(folder);
        String suffix = gzipped ? ".gz" : "";
        writePart(folder, "train", trainCount, rows, cols, suffix, gzipped);
        writePart(folder, "t10k", testCount, rows, cols, suffix, gzipped);
    }

    private static void writePart(Path folder, String part, int count, int rows, int cols, String suffix, boolean gz)
            throws IOException {
        byte[] images = ubyte(new int[] {count, rows, cols}, sequence(count * rows * cols));
        byte[] labelValues = new byte[count];
        for (int i = 0; i < count; i++) {
            labelValues[i] = (byte) (i % 10);
        }
        byte[] labels = ubyte(new int[] {count}, labelValues);
        write(folder, part + "-images-idx3-ubyte" + suffix, gz ? gzip(images) : images);
        write(folder, part + "-labels-idx1-ubyte" + suffix, gz ? gzip(labels) : labels);
    }
}
