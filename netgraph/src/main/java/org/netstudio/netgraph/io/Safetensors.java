package org.netstudio.netgraph.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Reads and writes weights in the safetensors format (readable from Python): an 8-byte
 * little-endian header length, a JSON header mapping each tensor name to its {@code dtype},
 * {@code shape} and {@code data_offsets} (plus optional string {@code __metadata__}), then the raw
 * little-endian data.
 *
 * <p>Writing stores real arrays as F32 and whole-number arrays as I64, tensors sorted by name, the
 * header padded with spaces to a multiple of 8 bytes: deterministic, so the same weights always give
 * the same bytes. Reading accepts F32, F16, BF16 and F64 (as float32 values) and I64, I32, I16, I8,
 * U32, U16, U8 and BOOL (as whole numbers).
 *
 * <p>Reading validates the whole header before allocating anything for the data: the header length
 * is bounded and within the file, every dtype is known, every shape's size times its dtype's width
 * matches its offsets, offsets lie within the data section and do not overlap, names are unique.
 * A corrupt file gives a {@link NetFileException} naming the file and the tensor, never an
 * OutOfMemoryError or a hang. The data is then read in one forward pass, so a stream (a zip entry)
 * works as well as a file; arrays grow as their data arrives, so a stream that ends before its
 * declared length never makes the reader allocate more than about twice what it held.
 * Stateless and thread-safe.
 */
public final class Safetensors {

    /** The largest header accepted, as in the reference implementation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The most values one array may hold (a Java array's limit). */
    public static final long MAX_VALUES = TensorType.MAX_ELEMENTS;

    private static final int CHUNK = 1 << 16;

    /** Values allocated for a tensor before its data is read; arrays then double as data arrives. */
    private static final int FIRST_ALLOCATION = 1 << 22;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(32).build())
            .build());

    /** The element types read, with their width in bytes. */
    private enum DType {
        F32(4, true), F16(2, true), BF16(2, true), F64(8, true),
        I64(8, false), I32(4, false), I16(2, false), I8(1, false), U32(4, false), U16(2, false), U8(1, false),
        BOOL(1, false);

        final int width;
        final boolean real;

        DType(int width, boolean real) {
            this.width = width;
            this.real = real;
        }

        static DType of(String name) {
            for (DType d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** A validated header entry. */
    private record Entry(String name, DType dtype, long[] shape, long count, long begin, long end) {
    }

    private Safetensors() {
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads a safetensors file. */
    public static Weights read(Path file) throws IOException {
        RegularFiles.require(file);
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, size, file.toString());
        }
    }

    /**
     * Reads safetensors from a stream of exactly {@code length} bytes (e.g. a zip entry whose size
     * is known); a stream that ends early or goes on longer is refused. {@code source} names it in
     * messages. The stream is not closed.
     */
    public static Weights read(InputStream in, long length, String source) throws IOException {
        if (length < 8) {
            throw new NetFileException(source, null, "the file is " + Math.max(0, length)
                    + " bytes, too short for safetensors (it starts with an 8-byte header length)");
        }
        byte[] prefix = readExactly(in, 8, source, "the header length");
        long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new NetFileException(source, "header", "the header length is " + Long.toUnsignedString(headerLength)
                    + " bytes; it must be between 2 and " + MAX_HEADER_BYTES + " (is this a safetensors file?)");
        }
        if (headerLength > length - 8) {
            throw new NetFileException(source, "header", "the header length is " + headerLength
                    + " bytes, but only " + (length - 8) + " bytes follow it");
        }
        byte[] headerBytes = readExactly(in, (int) headerLength, source, "the header");
        long dataLength = length - 8 - headerLength;
        Map<String, String> metadata = new TreeMap<>();
        List<Entry> entries = header(headerBytes, dataLength, source, metadata);

        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin == e.end) {
                continue;
            }
            if (previous != null && e.begin < previous.end) {
                throw new NetFileException(source, tensor(e.name), "its bytes [" + e.begin + ", " + e.end
                        + ") overlap those of tensor \"" + previous.name + "\" [" + previous.begin + ", " + previous.end + ")");
            }
            previous = e;
        }

        List<WeightArray> arrays = new ArrayList<>(entries.size());
        long position = 0;
        for (Entry e : byOffset) {
            skipExactly(in, e.begin - position, source, e.name);
            arrays.add(decode(in, e, source));
            position = e.end;
        }
        skipExactly(in, dataLength - position, source, null);
        if (in.read() != -1) {
            throw new NetFileException(source, null, "there is more data than the " + length + " bytes declared");
        }
        return Weights.of(arrays, metadata);
    }

    private static List<Entry> header(byte[] bytes, long dataLength, String source, Map<String, String> metadata)
            throws NetFileException {
        if (bytes[0] != '{') {
            throw new NetFileException(source, "header", "the header must be a JSON object starting with '{'");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String why = JsonValues.parseProblem(e);
            throw new NetFileException(source, "header", "malformed JSON header: " + why, e);
        } catch (IOException e) {
            throw new NetFileException(source, "header", "unreadable header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new NetFileException(source, "header", "the header must be a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                metadata(f.getValue(), source, metadata);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), dataLength, source));
            }
        }
        return entries;
    }

    private static void metadata(JsonNode n, String source, Map<String, String> out) throws NetFileException {
        if (!n.isObject()) {
            throw new NetFileException(source, "__metadata__", "metadata must be an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new NetFileException(source, "__metadata__", "metadata \"" + f.getKey()
                        + "\" must be a string, but got " + JsonValues.show(f.getValue()));
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode n, long dataLength, String source) throws NetFileException {
        String where = tensor(name);
        if (name.isEmpty()) {
            throw new NetFileException(source, where, "a tensor needs a name");
        }
        if (!n.isObject()) {
            throw new NetFileException(source, where, "expected {\"dtype\", \"shape\", \"data_offsets\"}, but got "
                    + JsonValues.show(n));
        }
        Iterator<String> fields = n.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!List.of("dtype", "shape", "data_offsets").contains(f)) {
                throw new NetFileException(source, where, "unknown field \"" + f + "\" (a tensor has dtype, shape, data_offsets)");
            }
        }
        JsonNode dt = n.get("dtype");
        DType dtype = dt != null && dt.isTextual() ? DType.of(dt.textValue()) : null;
        if (dtype == null) {
            throw new NetFileException(source, where, "dtype " + (dt == null ? "is missing" : JsonValues.show(dt)
                    + " is not supported") + " (NetStudio reads " + Arrays.toString(DType.values()).replaceAll("[\\[\\]]", "") + ")");
        }
        JsonNode sh = n.get("shape");
        if (sh == null || !sh.isArray() || sh.size() > 64) {
            throw new NetFileException(source, where, "shape must be a list of at most 64 sizes, but got "
                    + (sh == null ? "nothing" : JsonValues.show(sh)));
        }
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new NetFileException(source, where, "shape must list sizes of zero or more, but got " + JsonValues.show(sh));
            }
            shape[i] = d.longValue();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new NetFileException(source, where, "shape " + JsonValues.show(sh) + " holds too many values");
            }
        }
        JsonNode off = n.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !isOffset(off.get(0)) || !isOffset(off.get(1))
                || off.get(0).longValue() > off.get(1).longValue()) {
            throw new NetFileException(source, where, "data_offsets must be [begin, end] with 0 <= begin <= end, but got "
                    + (off == null ? "nothing" : JsonValues.show(off)));
        }
        long begin = off.get(0).longValue();
        long end = off.get(1).longValue();
        if (end > dataLength) {
            throw new NetFileException(source, where, "data_offsets [" + begin + ", " + end
                    + "] reach past the end of the data, which has " + dataLength + " bytes");
        }
        long needed = count > Long.MAX_VALUE / dtype.width ? -1 : count * dtype.width;
        if (needed != end - begin) {
            throw new NetFileException(source, where, "data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes, but " + dtype + " of shape " + Arrays.toString(shape) + " needs "
                    + (needed < 0 ? "more" : Long.toString(needed)));
        }
        if (count > MAX_VALUES) {
            throw new NetFileException(source, where, "it holds " + count + " values, more than one array can hold ("
                    + MAX_VALUES + ")");
        }
        return new Entry(name, dtype, shape, count, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    private static String tensor(String name) {
        return "tensor \"" + name + "\"";
    }

    private static WeightArray decode(InputStream in, Entry e, String source) throws IOException {
        int count = (int) e.count;
        // Arrays grow with the data really read, so a stream shorter than declared allocates little.
        int capacity = Math.min(count, FIRST_ALLOCATION);
        float[] floats = e.dtype.real ? new float[capacity] : null;
        long[] longs = e.dtype.real ? null : new long[capacity];
        int perChunk = CHUNK / e.dtype.width;
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(8, e.end - e.begin))];
        int done = 0;
        while (done < count) {
            int n = Math.min(perChunk, count - done);
            int bytes = n * e.dtype.width;
            if (in.readNBytes(buf, 0, bytes) != bytes) {
                throw truncated(source, e.name);
            }
            if (done + n > capacity) {
                capacity = (int) Math.min(count, Math.max(done + n, 2L * capacity));
                floats = floats == null ? null : Arrays.copyOf(floats, capacity);
                longs = longs == null ? null : Arrays.copyOf(longs, capacity);
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                int k = done + i;
                switch (e.dtype) {
                    case F32 -> floats[k] = Float.intBitsToFloat(bb.getInt());
                    case F16 -> floats[k] = halfToFloat(bb.getShort() & 0xffff);
                    case BF16 -> floats[k] = Float.intBitsToFloat((bb.getShort() & 0xffff) << 16);
                    case F64 -> floats[k] = (float) bb.getDouble();
                    case I64 -> longs[k] = bb.getLong();
                    case I32 -> longs[k] = bb.getInt();
                    case I16 -> longs[k] = bb.getShort();
                    case I8 -> longs[k] = bb.get();
                    case U32 -> longs[k] = bb.getInt() & 0xffffffffL;
                    case U16 -> longs[k] = bb.getShort() & 0xffff;
                    case U8 -> longs[k] = bb.get() & 0xff;
                    case BOOL -> longs[k] = bb.get() != 0 ? 1 : 0;
                }
            }
            done += n;
        }
        return WeightArray.owning(e.name, e.shape, floats, longs);
    }

    /** IEEE 754 half precision to float, exactly (subnormals, infinities and NaN payloads included). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new NetFileException(source, null, "the file ends inside " + what);
        }
        return b;
    }

    private static void skipExactly(InputStream in, long n, String source, String tensorName) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw truncated(source, tensorName);
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static NetFileException truncated(String source, String tensorName) {
        return new NetFileException(source, tensorName == null ? null : tensor(tensorName),
                "the file ends before " + (tensorName == null ? "its data does" : "this tensor's data does")
                        + " (is it truncated?)");
    }

    // ---- writing ------------------------------------------------------------------------------

    /** The safetensors bytes of these weights. */
    public static byte[] toBytes(Weights weights) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(weights, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Saves the weights to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Weights weights, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(weights, out));
    }

    /** Writes the weights to a stream, which is flushed but not closed. */
    public static void write(Weights weights, OutputStream stream) throws IOException {
        ObjectNode header = JsonValues.NODES.objectNode();
        if (!weights.metadata().isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            weights.metadata().forEach(meta::put);
        }
        long offset = 0;
        for (WeightArray a : weights.arrays().values()) {
            long bytes = (long) a.size() * (a.isReal() ? 4 : 8);
            ObjectNode t = header.putObject(a.name());
            t.put("dtype", a.isReal() ? "F32" : "I64");
            long[] shape = a.shape();
            t.putArray("shape").addAll(Arrays.stream(shape).mapToObj(JsonValues.NODES::numberNode).toList());
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = MAPPER.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        BufferedOutputStream out = new BufferedOutputStream(new NonClosing(stream), CHUNK);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        byte[] buf = new byte[CHUNK];
        for (WeightArray a : weights.arrays().values()) {
            LittleEndianValues.write(a, out, buf);
        }
        out.flush();
    }

    /** Lets a buffered writer be flushed without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
