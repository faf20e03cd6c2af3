package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An array written as .npy is what numpy.load reads: its magic, header dictionary, aligned little-endian data. */
class NpyTest {

    @Test
    void aMatrixHasItsShapeAndValuesAfterAnAlignedHeader() throws IOException {
        byte[] bytes = bytes(WeightArray.of("x", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -0.5f}));

        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(bytes[0]).isEqualTo((byte) 0x93);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat((10 + headerLength) % 64).isZero();
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[6];
        data.asFloatBuffer().get(values);
        assertThat(values).containsExactly(1, 2, 3, 4, 5, -0.5f);
        assertThat(bytes).hasSize(10 + headerLength + 24);
    }

    @Test
    void aVectorsShapeIsAOneElementTupleAndWholeNumbersAreInt64() throws IOException {
        assertThat(new String(bytes(WeightArray.of("v", new long[] {4}, new float[4])), StandardCharsets.US_ASCII))
                .contains("'shape': (4,), }");
        byte[] longs = bytes(WeightArray.ofLongs("i", new long[] {2}, new long[] {7, -1}));
        assertThat(new String(longs, StandardCharsets.US_ASCII)).contains("'descr': '<i8'");
        ByteBuffer tail = ByteBuffer.wrap(longs, longs.length - 16, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(tail.getLong()).isEqualTo(7);
        assertThat(tail.getLong()).isEqualTo(-1);
    }

    @Test
    void aFileIsWrittenWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.npy");
        WeightArray a = WeightArray.of("a", new long[] {1, 1}, new float[] {3});
        Npy.write(a, file);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes(a));
        try (var names = Files.list(dir)) {
            assertThat(names).containsExactly(file);
        }
    }

    private static byte[] bytes(WeightArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(a, out);
        return out.toByteArray();
    }
}
