package org.netstudio.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.netstudio.netgraph.io.RegularFiles;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected from
 * the content, not the name).
 *
 * <p>An IDX file starts with a magic number {@code 0x00 0x00 type rank}, then {@code rank}
 * big-endian 32-bit dimensions, then the values. Only unsigned bytes (type {@code 0x08}) are read.
 * Everything the header declares is checked against the file's actual length <em>before</em> any
 * memory is allocated for the values, so a corrupt header can never make the reader allocate
 * gigabytes. A gzip file's header is checked against the uncompressed length its trailer records,
 * which may lie too: its values are read with a cap, into arrays that grow only as the inflated
 * data really arrives. Every problem is reported as a {@link DatasetFormatException} naming the
 * file.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {

    /** Type code of unsigned bytes, the only element type MNIST-style files use. */
    static final int UNSIGNED_BYTE = 0x08;

    /** The largest rank accepted; MNIST uses 1 (labels) and 3 (images). */
    static final int MAX_RANK = 8;

    /** The largest payload accepted: what one Java array can hold. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8L;

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int MIN_GZIP_LENGTH = 18;

    /** Values allocated per compressed byte before a gzip file's data is inflated. */
    private static final long GZIP_FIRST_RATIO = 8;

    private IdxReader() {}

    /**
     * Reads a whole IDX file.
     *
     * @param file a plain or gzip-compressed IDX file
     * @return its dimensions and values
     * @throws NoSuchFileException if the file does not exist
     * @throws DatasetFormatException naming the file if it is not a valid IDX file of unsigned
     *     bytes, or is truncated or corrupt
     * @throws IOException if it cannot be read
     */
    public static IdxArray read(Path file) throws IOException {
        return read(file, (in, dims, count, capacity) -> {
            byte[] values = new byte[capacity];
            int done = 0;
            while (done < count) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, grown(values.length, count));
                }
                int read = in.readNBytes(values, done, Math.min(values.length, count) - done);
                if (read == 0) {
                    throw truncated(file, dims, done);
                }
                done += read;
            }
            return new IdxArray(file, dims, values);
        });
    }

    /**
     * Reads an IDX file of unsigned bytes straight into floats {@code v × scale}, without holding
     * the bytes: decompression and conversion go chunk by chunk, which is faster than {@link
     * #read} followed by {@link IdxArray#toFloats} and needs a quarter less memory.
     *
     * @param file a plain or gzip-compressed IDX file
     * @param scale the factor applied to each value
     * @return the dimensions and the converted values
     * @throws DatasetFormatException as {@link #read}
     * @throws IOException if the file cannot be read
     */
    static Scaled readScaled(Path file, float scale) throws IOException {
        return read(file, (in, dims, count, capacity) -> {
            float[] table = new float[256];
            for (int i = 0; i < 256; i++) {
                table[i] = i * scale;
            }
            float[] values = new float[capacity];
            byte[] chunk = new byte[1 << 16];
            int done = 0;
            while (done < count) {
                int want = Math.min(chunk.length, count - done);
                int read = in.readNBytes(chunk, 0, want);
                if (done + read > values.length) {
                    values = Arrays.copyOf(values, Math.max(done + read, grown(values.length, count)));
                }
                for (int i = 0; i < read; i++) {
                    values[done + i] = table[chunk[i] & 0xFF];
                }
                done += read;
                if (read < want) {
                    throw truncated(file, dims, done);
                }
            }
            return new Scaled(dims, values);
        });
    }

    /** Twice the capacity, at most the count. */
    private static int grown(int capacity, int count) {
        return (int) Math.min(count, Math.max(1L << 16, 2L * capacity));
    }

    /** Dimensions and values converted to floats. */
    record Scaled(int[] dims, float[] values) {}

    /**
     * Reads the values once the header has been checked: {@code count} values are known to fit in
     * an array, and {@code capacity} of them to be in the file; the reader allocates more only as
     * the data really arrives (a gzip file's sizes are its own word until it is inflated).
     */
    private interface Payload<T> {
        T read(InputStream in, int[] dims, int count, int capacity) throws IOException;
    }

    private static <T> T read(Path file, Payload<T> payload) throws IOException {
        Optional<String> notRegular = RegularFiles.problem(file);
        if (notRegular.isPresent()) {
            throw new DatasetFormatException(file, notRegular.get());
        }
        long fileLength = Files.size(file);
        if (fileLength < 4) {
            throw new DatasetFormatException(file,
                    "not an IDX file: it has only " + fileLength + " bytes, too few for the 4-byte magic number");
        }
        boolean gzip = isGzip(file);
        long uncompressedLength = gzip ? gzipTrailerLength(file, fileLength) : fileLength;
        try (InputStream in = gzip
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                : new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            int[] dims = readHeader(file, data, uncompressedLength, gzip);
            long headerLength = 4L + 4L * dims.length;
            long declared = product(dims);
            if (declared > MAX_VALUES) {
                throw new DatasetFormatException(file, "declares " + IdxArray.shapeText(dims)
                        + " values, more than one array can hold (" + MAX_VALUES + "); the header is probably corrupt");
            }
            checkLength(file, dims, declared, headerLength, uncompressedLength, gzip);
            // A gzip file's first allocation is bounded by its real size; typical IDX data inflates ~5 times.
            int capacity = gzip ? (int) Math.min(declared, Math.max(1 << 16, GZIP_FIRST_RATIO * fileLength)) : (int) declared;
            T result = payload.read(data, dims, (int) declared, capacity);
            if (data.read() != -1) {
                throw new DatasetFormatException(file, "corrupt: there is data after the " + declared
                        + " values the header declares (" + IdxArray.shapeText(dims) + ")");
            }
            return result;
        } catch (EOFException e) {
            throw new DatasetFormatException(file, "truncated: the compressed data ends too early", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static DatasetFormatException truncated(Path file, int[] dims, long read) {
        return new DatasetFormatException(file, "truncated: the header declares " + IdxArray.shapeText(dims)
                + " values but the data ends after " + read);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b0 = in.read();
            int b1 = in.read();
            return b0 >= 0 && b1 >= 0 && (b0 | (b1 << 8)) == GZIP_MAGIC;
        }
    }

    /** The uncompressed length modulo 2^32, from the last four bytes (ISIZE) of a gzip file. */
    private static long gzipTrailerLength(Path file, long fileLength) throws IOException {
        if (fileLength < MIN_GZIP_LENGTH) {
            throw new DatasetFormatException(file, "truncated: a gzip file needs at least " + MIN_GZIP_LENGTH
                    + " bytes, but this one has " + fileLength);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(fileLength - 4);
            long b0 = raf.read();
            long b1 = raf.read();
            long b2 = raf.read();
            long b3 = raf.read();
            return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
        }
    }

    private static int[] readHeader(Path file, DataInputStream in, long available, boolean gzip) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DatasetFormatException(file, "truncated: the file ends inside the magic number", e);
        }
        if ((magic >>> 16) != 0) {
            throw new DatasetFormatException(file, String.format(
                    "not an IDX file: the magic number 0x%08X should start with two zero bytes", magic));
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DatasetFormatException(file, String.format(
                    "unsupported IDX element type 0x%02X (magic number 0x%08X): only unsigned bytes (0x08) are read",
                    type, magic));
        }
        if (rank < 1 || rank > MAX_RANK) {
            throw new DatasetFormatException(file, String.format(
                    "corrupt IDX header: the magic number 0x%08X declares %d dimensions (1 to %d expected)",
                    magic, rank, MAX_RANK));
        }
        if (!gzip && available < 4L + 4L * rank) {
            throw new DatasetFormatException(file, "truncated: the header declares " + rank
                    + " dimensions but the file has only " + available + " bytes");
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            long dim;
            try {
                dim = in.readInt() & 0xFFFFFFFFL;
            } catch (EOFException e) {
                throw new DatasetFormatException(file, "truncated: the file ends inside the dimension list", e);
            }
            if (dim == 0 || dim > Integer.MAX_VALUE) {
                throw new DatasetFormatException(file, "corrupt IDX header: dimension " + (i + 1) + " of " + rank
                        + " is " + dim + "; it must be between 1 and " + Integer.MAX_VALUE);
            }
            dims[i] = (int) dim;
        }
        return dims;
    }

    private static void checkLength(Path file, int[] dims, long declared, long headerLength, long actual,
            boolean gzip) throws DatasetFormatException {
        long expected = headerLength + declared;
        if (gzip) {
            // ISIZE is the uncompressed length modulo 2^32.
            if ((expected & 0xFFFFFFFFL) != actual) {
                throw new DatasetFormatException(file, "corrupt or truncated: the header declares "
                        + IdxArray.shapeText(dims) + " values (" + expected + " bytes uncompressed), but the gzip"
                        + " trailer records " + actual + " bytes");
            }
            return;
        }
        if (actual < expected) {
            throw new DatasetFormatException(file, "truncated: the header declares " + IdxArray.shapeText(dims)
                    + " values (" + expected + " bytes), but the file has only " + actual + " bytes");
        }
        if (actual > expected) {
            throw new DatasetFormatException(file, "corrupt: the header declares " + IdxArray.shapeText(dims)
                    + " values (" + expected + " bytes), but the file has " + actual + " bytes");
        }
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
            if (p > MAX_VALUES) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }
}
