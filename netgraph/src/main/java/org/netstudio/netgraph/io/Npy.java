package org.netstudio.netgraph.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes one array as a NumPy {@code .npy} file (format version 1.0): little-endian float32
 * ({@code <f4}) for real arrays, int64 ({@code <i8}) for whole numbers, row-major, so that
 * {@code numpy.load} gives it back with its shape. The writing counterpart of nothing: NetStudio
 * reads weights from safetensors, not {@code .npy}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** Magic, version and header length come before the header, whose end aligns to this. */
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 16;

    private Npy() {}

    /** Saves the array to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(WeightArray array, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(array, out));
    }

    /** Writes the array to a stream, which is flushed but not closed. */
    public static void write(WeightArray array, OutputStream stream) throws IOException {
        byte[] header = header(array);
        // Flushed, never closed: the caller's stream stays open.
        BufferedOutputStream out = new BufferedOutputStream(stream, CHUNK);
        out.write(MAGIC);
        out.write(header.length & 0xFF);
        out.write(header.length >>> 8);
        out.write(header);
        LittleEndianValues.write(array, out, new byte[CHUNK]);
        out.flush();
    }

    /** The header dictionary, padded with spaces and ended by a newline so that the data starts aligned. */
    static byte[] header(WeightArray array) {
        StringBuilder shape = new StringBuilder("(");
        long[] dims = array.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        shape.append(dims.length == 1 ? ",)" : ")");
        StringBuilder h = new StringBuilder("{'descr': '").append(array.isReal() ? "<f4" : "<i8")
                .append("', 'fortran_order': False, 'shape': ").append(shape).append(", }");
        int total = MAGIC.length + 2 + h.length() + 1;
        h.append(" ".repeat((ALIGN - total % ALIGN) % ALIGN)).append('\n');
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
