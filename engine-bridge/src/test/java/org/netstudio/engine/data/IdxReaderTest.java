package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] raw = IdxFiles.ubyte(new int[] {3, 2, 2}, IdxFiles.sequence(12));
        Path plain = IdxFiles.write(dir, "images-idx3-ubyte", raw);
        Path gz = IdxFiles.write(dir, "images-idx3-ubyte.gz", IdxFiles.gzip(raw));
        for (Path file : new Path[] {plain, gz}) {
            IdxArray a = IdxReader.read(file);
            assertThat(a.dims()).containsExactly(3, 2, 2);
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.itemLength()).isEqualTo(4);
            assertThat(a.value(11)).isEqualTo(77);
            assertThat(a.toInts()).startsWith(0, 7, 14);
            assertThat(a.toFloats(0.5f)[2]).isEqualTo(7f);
            assertThat(a.source()).isEqualTo(file);
        }
    }

    @Test
    void readsStraightIntoScaledFloats() throws IOException {
        byte[] values = IdxFiles.sequence(200_000);
        Path gz = IdxFiles.write(dir, "big.gz", IdxFiles.gzip(IdxFiles.ubyte(new int[] {1000, 10, 20}, values)));
        IdxReader.Scaled scaled = IdxReader.readScaled(gz, 1f / 255f);
        assertThat(scaled.dims()).containsExactly(1000, 10, 20);
        assertThat(scaled.values()).isEqualTo(IdxReader.read(gz).toFloats(1f / 255f));
        Path cut = IdxFiles.write(dir, "cut", Arrays.copyOf(IdxFiles.ubyte(new int[] {4}, new byte[4]), 6));
        assertThatThrownBy(() -> IdxReader.readScaled(cut, 1f)).hasMessageContaining("truncated");
    }

    @Test
    void readsUnsignedValuesAbove127() throws IOException {
        Path file = IdxFiles.write(dir, "l", IdxFiles.ubyte(new int[] {2}, new byte[] {(byte) 255, (byte) 128}));
        assertThat(IdxReader.read(file).toInts()).containsExactly(255, 128);
        assertThat(IdxReader.read(file).toFloats(1f / 255)[0]).isEqualTo(1f);
    }

    private void assertCorrupt(Path file, String messagePart) {
        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((DatasetFormatException) e).file()).isEqualTo(file));
    }

    @Test
    void reportsAFileTooShortForAMagicNumber() throws IOException {
        assertCorrupt(IdxFiles.write(dir, "empty", new byte[0]), "not an IDX file: it has only 0 bytes");
        assertCorrupt(IdxFiles.write(dir, "three", new byte[3]), "only 3 bytes");
    }

    @Test
    void reportsAWrongMagicNumber() throws IOException {
        assertCorrupt(IdxFiles.write(dir, "text", "hello, world".getBytes()),
                "not an IDX file: the magic number 0x68656C6C should start with two zero bytes");
    }

    @Test
    void reportsUnsupportedTypesAndRanks() throws IOException {
        assertCorrupt(IdxFiles.write(dir, "floats", IdxFiles.idx(0x0D, new int[] {1}, new byte[4])),
                "unsupported IDX element type 0x0D");
        assertCorrupt(IdxFiles.write(dir, "rank0", IdxFiles.idx(0x08, new int[0], new byte[0])),
                "declares 0 dimensions (1 to 8 expected)");
        assertCorrupt(IdxFiles.write(dir, "zero", IdxFiles.ubyte(new int[] {0, 28}, new byte[0])),
                "dimension 1 of 2 is 0");
        assertCorrupt(IdxFiles.write(dir, "negative", IdxFiles.ubyte(new int[] {-1}, new byte[0])),
                "dimension 1 of 1 is 4294967295");
    }

    @Test
    void reportsATruncatedPlainFileBeforeAllocating() throws IOException {
        // The header claims 2,000,000,000 bytes; the check against the file length comes first.
        byte[] raw = IdxFiles.ubyte(new int[] {1_000_000, 100, 20}, new byte[10]);
        assertCorrupt(IdxFiles.write(dir, "huge", raw),
                "truncated: the header declares 1000000 × 100 × 20 values (2000000016 bytes), but the file has only 26 bytes");
        byte[] cut = Arrays.copyOf(IdxFiles.ubyte(new int[] {10, 2}, new byte[20]), 30);
        assertCorrupt(IdxFiles.write(dir, "cut", cut), "but the file has only 30 bytes");
        assertCorrupt(IdxFiles.write(dir, "header-cut", Arrays.copyOf(IdxFiles.ubyte(new int[] {1, 1, 1}, new byte[1]), 9)),
                "truncated: the header declares 3 dimensions but the file has only 9 bytes");
    }

    @Test
    void reportsAHeaderTooLargeForAnArray() throws IOException {
        assertCorrupt(IdxFiles.write(dir, "giant", IdxFiles.ubyte(new int[] {60000, 60000, 28}, new byte[0])),
                "more than one array can hold");
    }

    @Test
    void reportsTrailingData() throws IOException {
        assertCorrupt(IdxFiles.write(dir, "long", IdxFiles.ubyte(new int[] {2}, new byte[5])),
                "corrupt: the header declares 2 values (10 bytes), but the file has 13 bytes");
        assertCorrupt(IdxFiles.write(dir, "long.gz", IdxFiles.gzip(IdxFiles.ubyte(new int[] {2}, new byte[5]))),
                "but the gzip trailer records 13 bytes");
    }

    @Test
    void reportsAGzipFileWhoseHeaderDeclaresMoreThanItHolds() throws IOException {
        byte[] raw = IdxFiles.ubyte(new int[] {1000, 28, 28}, new byte[784]);
        assertCorrupt(IdxFiles.write(dir, "lying.gz", IdxFiles.gzip(raw)),
                "corrupt or truncated: the header declares 1000 × 28 × 28 values (784016 bytes uncompressed), but the"
                        + " gzip trailer records 800 bytes");
    }

    @Test
    void reportsATruncatedGzipFile() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(new int[] {100, 28, 28}, IdxFiles.sequence(78400)));
        Path file = IdxFiles.write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("truncated");
        assertCorrupt(IdxFiles.write(dir, "tiny.gz", Arrays.copyOf(gz, 12)), "truncated: a gzip file needs at least 18 bytes");
    }

    @Test
    void reportsCorruptCompressedData() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(new int[] {100, 28, 28}, IdxFiles.sequence(78400)));
        for (int i = 40; i < gz.length - 20; i += 7) {
            gz[i] ^= 0x5A;
        }
        Path file = IdxFiles.write(dir, "garbled.gz", gz);
        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": ");
    }

    @Test
    void aMissingFileIsNotAFormatError() {
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    /** Bytes this thread allocates while {@code action} runs. */
    private static long allocatedBy(org.junit.jupiter.api.function.Executable action) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        try {
            action.execute();
        } catch (Throwable expected) {
            // the refusal itself is checked by the caller
        }
        return bean.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aGzipFileWhoseHeaderAndTrailerLieIsReadWithACapNotAllocatedOnTheirWord() throws IOException {
        // The header declares 1 × 46000 × 46000 values (2.1 GB) and the trailer agrees; 1,000 bytes are there.
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(new int[] {1, 46000, 46000}, IdxFiles.sequence(1000)));
        long declared = 16L + 46000L * 46000L;
        for (int i = 0; i < 4; i++) {
            gz[gz.length - 4 + i] = (byte) (declared >>> (8 * i));
        }
        Path file = IdxFiles.write(dir, "lying-trailer.gz", gz);
        // Inflating the 1,000 bytes ends at the trailer, which does not match them.
        assertCorrupt(file, "corrupt gzip data (Corrupt GZIP trailer)");
        assertThat(allocatedBy(() -> IdxReader.read(file))).isLessThan(16L << 20);
        assertThatThrownBy(() -> IdxReader.readScaled(file, 1f)).isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": corrupt gzip data (Corrupt GZIP trailer)");
        assertThat(allocatedBy(() -> IdxReader.readScaled(file, 1f))).isLessThan(16L << 20);
    }

    @Test
    void aGzipFileGrowsItsArraysUntilItsDataIsAllThere() throws IOException {
        // Zeros inflate far more than 8 times, so the values arrive beyond the first allocation.
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(new int[] {3000, 28, 28}, new byte[3000 * 784]));
        Path file = IdxFiles.write(dir, "zeros.gz", gz);
        assertThat(gz.length * 8L).isLessThan(3000 * 784);
        assertThat(IdxReader.read(file).dims()).containsExactly(3000, 28, 28);
        assertThat(IdxReader.readScaled(file, 1f).values()).hasSize(3000 * 784).containsOnly(0f);
    }

    @Test
    void aPipeOrAFolderIsRefusedBeforeOpening() throws Exception {
        Path fifo = dir.resolve("train-images-idx3-ubyte");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "needs mkfifo");
        assertCorrupt(fifo, "it is a named pipe (FIFO), not a regular file");
        assertCorrupt(java.nio.file.Files.createDirectory(dir.resolve("folder")), "it is a folder, not a regular file");
    }
}
