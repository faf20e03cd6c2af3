package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.net.NodePath;

class SafetensorsTest {

    private static byte[] fixture() throws Exception {
        try (InputStream in = SafetensorsTest.class.getResourceAsStream("reference.safetensors")) {
            return in.readAllBytes();
        }
    }

    private static Weights read(byte[] bytes) throws Exception {
        return Safetensors.read(new ByteArrayInputStream(bytes), bytes.length, "w.safetensors");
    }

    /** A file of the given header JSON followed by {@code data}, built by hand from the spec. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(h.length).put(h).put(data).array();
    }

    private static NetFileException refused(byte[] bytes) {
        NetFileException e = catchThrowableOfType(NetFileException.class, () -> read(bytes));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.file()).isEqualTo("w.safetensors");
        return e;
    }

    /** Asserts that a file of one tensor "a" declared so, with {@code dataBytes} of data, is refused: {@code detail}. */
    private static void assertTensorRefused(String dtype, String shape, String offsets, int dataBytes, String detail) {
        assertRefused(file("{\"a\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets
                + "}}", new byte[dataBytes]), "tensor \"a\"", detail);
    }

    private static void assertRefused(byte[] bytes, String location, String detail) {
        NetFileException e = refused(bytes);
        assertThat(e.location()).isEqualTo(location);
        assertThat(e.detail()).isEqualTo(detail);
    }

    @Test
    void readsAFileWrittenByTheReferenceImplementation() throws Exception {
        Weights w = read(fixture());

        assertThat(w.metadata()).isEqualTo(Map.of("format", "np", "producer", "safetensors 0.8.0"));
        assertThat(w.arrays().keySet()).containsExactly("counts/values", "double/values", "empty/values", "half/values",
                "linear1/biases", "linear1/weights", "scalar/value", "small/values");
        WeightArray weights = w.get(NodePath.of("linear1"), "weights").orElseThrow();
        assertThat(weights.shape()).containsExactly(2, 3);
        assertThat(weights.floats()).containsExactly(1.0f, -2.0f, 0.5f, 3.25f, -0.0f, 1e-3f);
        assertThat(Float.floatToRawIntBits(weights.floats()[4])).isEqualTo(0x80000000);
        assertThat(w.get("linear1/biases").orElseThrow().floats()).containsExactly(0.125f, -4.0f);
        assertThat(w.get("half/values").orElseThrow().floats()).containsExactly(1.0f, -0.5f, 65504.0f, 0x1p-24f);
        assertThat(w.get("double/values").orElseThrow().floats()).containsExactly((float) Math.PI);
        assertThat(w.get("counts/values").orElseThrow().longs()).containsExactly(7, -1, 1L << 40);
        assertThat(w.get("small/values").orElseThrow().longs()).containsExactly(-3, 100000);
        assertThat(w.get("scalar/value").orElseThrow().shape()).isEmpty();
        assertThat(w.get("scalar/value").orElseThrow().floats()).containsExactly(2.5f);
        assertThat(w.get("empty/values").orElseThrow().shape()).containsExactly(0, 3);
        assertThat(w.get("empty/values").orElseThrow().size()).isZero();
    }

    @Test
    void readsHandBuiltBf16AndBoolTensors() throws Exception {
        // BF16 1.0 = 0x3F80, -2.0 = 0xC000; BOOL is one byte per value.
        String header = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[4,7]}}";
        Weights w = read(file(header, new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0, 1, 0, 1}));
        assertThat(w.get("b").orElseThrow().floats()).containsExactly(1.0f, -2.0f);
        assertThat(w.get("m").orElseThrow().longs()).containsExactly(1, 0, 1);
    }

    @Test
    void writesTheFormatOfTheSpecificationByteForByte() {
        Weights w = Weights.of(List.of(WeightArray.of("a", new long[] {2}, new float[] {1.0f, -2.0f})), Map.of());
        byte[] bytes = Safetensors.toBytes(w);

        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getLong()).isEqualTo(padded);
        assertThat(new String(bytes, 8, padded, StandardCharsets.UTF_8)).isEqualTo(json + " ".repeat(padded - json.length()));
        b.position(8 + padded);
        assertThat(b.getFloat()).isEqualTo(1.0f);
        assertThat(b.getFloat()).isEqualTo(-2.0f);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void theReferenceFileRoundTripsThroughOurWriter() throws Exception {
        Weights w = read(fixture());
        byte[] ours = Safetensors.toBytes(w);
        Weights back = read(ours);
        // F16 and F64 come back as F32, I32 as I64: the values are what counts.
        assertThat(back).isEqualTo(w);
        assertThat(Safetensors.toBytes(back)).isEqualTo(ours);
    }

    @Property(tries = 100)
    void writingAndReadingIsBitIdentical(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        List<WeightArray> arrays = new java.util.ArrayList<>();
        int n = r.nextInt(6);
        float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fc00123), -0.0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 0x1p-140f};
        for (int i = 0; i < n; i++) {
            long[] shape = new long[r.nextInt(4)];
            int count = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = r.nextInt(5);
                count *= (int) shape[d];
            }
            String name = "node" + i + "/" + (r.nextBoolean() ? "weights" : "biases");
            if (r.nextInt(4) == 0) {
                long[] data = r.longs(count).toArray();
                arrays.add(WeightArray.ofLongs(name, shape, data));
            } else {
                float[] data = new float[count];
                for (int k = 0; k < count; k++) {
                    data[k] = r.nextInt(5) == 0 ? specials[r.nextInt(specials.length)] : (float) r.nextGaussian();
                }
                arrays.add(WeightArray.of(name, shape, data));
            }
        }
        Weights w = Weights.of(arrays, r.nextBoolean() ? Map.of() : Map.of("epoch", "3", "net", "lenet ✓"));

        byte[] bytes = Safetensors.toBytes(w);
        Weights back = read(bytes);

        assertThat(back).isEqualTo(w);
        assertThat(Safetensors.toBytes(back)).isEqualTo(bytes);
    }

    @Test
    void savesAtomicallyAndReadsFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.safetensors");
        Weights w = read(fixture());
        Safetensors.write(w, f);
        assertThat(Safetensors.read(f)).isEqualTo(w);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void halfPrecisionIsDecodedExactly() {
        assertThat(Safetensors.halfToFloat(0x3C00)).isEqualTo(1.0f);
        assertThat(Safetensors.halfToFloat(0xC000)).isEqualTo(-2.0f);
        assertThat(Safetensors.halfToFloat(0x7BFF)).isEqualTo(65504.0f);
        assertThat(Safetensors.halfToFloat(0x0001)).isEqualTo(0x1p-24f);
        assertThat(Safetensors.halfToFloat(0x8200)).isEqualTo(-0x1p-15f);
        assertThat(Safetensors.halfToFloat(0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Safetensors.halfToFloat(0x7E00)).isNaN();
        assertThat(Float.floatToRawIntBits(Safetensors.halfToFloat(0x8000))).isEqualTo(0x80000000);
    }

    // ---- corrupt files ------------------------------------------------------------------------

    private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @Test
    void aFileTooShortForTheHeaderLengthIsRefused() {
        assertRefused(new byte[] {1, 2, 3}, null,
                "the file is 3 bytes, too short for safetensors (it starts with an 8-byte header length)");
    }

    @Test
    void aHugeHeaderLengthIsRefusedWithoutAllocating() {
        byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        assertRefused(bytes, "header", "the header length is 1099511627776 bytes; it must be between 2 and 100000000"
                + " (is this a safetensors file?)");
        byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertRefused(negative, "header", "the header length is 18446744073709551615 bytes; it must be between 2 and"
                + " 100000000 (is this a safetensors file?)");
    }

    @Test
    void aHeaderLongerThanTheFileIsRefused() {
        byte[] bytes = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(50).array();
        assertRefused(bytes, "header", "the header length is 50 bytes, but only 12 bytes follow it");
    }

    @Test
    void malformedAndDuplicateHeadersAreRefused() {
        assertRefused(file("{" + A + ",", new byte[8]), "header",
                "malformed JSON header: Unexpected end-of-input within/between Object entries");
        assertThat(refused(file("{" + A + "," + A + "}", new byte[8])).detail())
                .isEqualTo("malformed JSON header: Duplicate field 'a'");
        assertRefused(file("[1, 2]", new byte[0]), "header", "the header must be a JSON object starting with '{'");
    }

    @Test
    void unknownDtypesAreRefusedNamingTheTensor() {
        assertRefused(file("{\"conv1/weights\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]),
                "tensor \"conv1/weights\"", "dtype \"F8_E4M3\" is not supported (NetStudio reads F32, F16, BF16, F64,"
                        + " I64, I32, I16, I8, U32, U16, U8, BOOL)");
    }

    @Test
    void offsetsThatDoNotMatchTheShapeAreRefused() {
        assertTensorRefused("F32", "[2,3]", "[0,20]", 24,
                "data_offsets [0, 20] hold 20 bytes, but F32 of shape [2, 3] needs 24");
    }

    @Test
    void offsetsPastTheDataAreRefusedBeforeAllocating() {
        assertTensorRefused("F32", "[2000000000]", "[0,8000000000]", 8,
                "data_offsets [0, 8000000000] reach past the end of the data, which has 8 bytes");
        assertTensorRefused("F32", "[2]", "[8,0]", 8,
                "data_offsets must be [begin, end] with 0 <= begin <= end, but got [8,0]");
    }

    @Test
    void overlappingTensorsAreRefused() {
        String header = "{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertRefused(file(header, new byte[8]), "tensor \"b\"",
                "its bytes [4, 8) overlap those of tensor \"a\" [0, 8)");
    }

    @Test
    void impossibleShapesAreRefused() {
        assertTensorRefused("F32", "[4611686018427387904,4]", "[0,8]", 8,
                "shape [4611686018427387904,4] holds too many values");
        assertTensorRefused("F32", "[-2]", "[0,8]", 8, "shape must list sizes of zero or more, but got [-2]");
        assertTensorRefused("U8", "[3000000000]", "[0,3000000000]", 0,
                "data_offsets [0, 3000000000] reach past the end of the data, which has 0 bytes");
    }

    @Test
    void aTruncatedStreamIsRefusedNamingTheTensor() throws Exception {
        byte[] whole = file("{" + A + "}", new byte[8]);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        NetFileException e = catchThrowableOfType(NetFileException.class,
                () -> Safetensors.read(new ByteArrayInputStream(cut), whole.length, "w.safetensors"));
        assertThat(e.getMessage()).isEqualTo(
                "w.safetensors: tensor \"a\": the file ends before this tensor's data does (is it truncated?)");
        NetFileException longer = catchThrowableOfType(NetFileException.class,
                () -> Safetensors.read(new ByteArrayInputStream(whole), whole.length - 2, "w.safetensors"));
        assertThat(longer).isNotNull();
    }

    @Test
    void badMetadataAndUnknownFieldsAreRefused() {
        assertRefused(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0]), "__metadata__",
                "metadata \"epoch\" must be a string, but got 3");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"crc\":1}}", new byte[8]),
                "tensor \"a\"", "unknown field \"crc\" (a tensor has dtype, shape, data_offsets)");
    }

    @Test
    void everyTruncationOfTheReferenceFileIsRefusedCleanly() throws Exception {
        byte[] whole = fixture();
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(whole, len);
            assertThat(refused(cut).getMessage()).startsWith("w.safetensors: ");
        }
    }

    @Test
    void randomByteFlipsNeverEscapeAsAnythingButAClearError() throws Exception {
        byte[] whole = fixture();
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = whole.clone();
            int at = r.nextInt(8 + 600);
            bad[at] = (byte) r.nextInt(256);
            try {
                read(bad);
            } catch (NetFileException expected) {
                assertThat(expected.getMessage()).startsWith("w.safetensors: ");
            }
        }
    }
}
