package org.netstudio.engine.torchrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;

/**
 * Writes the examples of a table, exactly as NetStudio feeds them, into one safetensors file that
 * the project's data.py reads. Per column {@code C}:
 * <ul>
 * <li>features: {@code C} float32 {@code [N, shape…]}, or uint8 when every value is a byte times
 *     {@value #BYTE_SCALE_TEXT} (pictures scaled to [0, 1]: a quarter of the size, and the same
 *     float32 numbers once multiplied back);
 * <li>classes: {@code C} int64 {@code [N]}; real targets: {@code C} float32 {@code [N, width]};
 * <li>sequences of varying length: {@code C} (int64 indices {@code [total]} or float32 vectors
 *     {@code [total, width]}, every example's elements one after the other) and {@code C.offsets}
 *     int64 {@code [N + 1]}.
 * </ul>
 * Further int64 index tensors (the validation split) may go beside them.
 */
final class ExampleFile {

    /** The scale of pictures stored as bytes. */
    static final float BYTE_SCALE = 1f / 255f;
    private static final String BYTE_SCALE_TEXT = "1/255";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CHUNK = 512;

    private ExampleFile() {
    }

    /** One tensor: its header entry and how to write its bytes. */
    private record Tensor(String name, String dtype, long[] shape, long bytes, Body body) {
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes the columns that feed the net, and the extra index tensors.
     *
     * @param table the examples
     * @param columns the columns to write
     * @param indices further int64 tensors by name (e.g. the validation examples), written as they are
     * @param file the file
     */
    static void write(ExampleTable table, List<String> columns, Map<String, int[]> indices, Path file)
            throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        for (String name : columns) {
            tensors.addAll(tensorsOf(name, table.column(name).orElseThrow()));
        }
        indices.forEach((name, values) -> tensors.add(longs(name, new long[] {values.length}, values)));
        ObjectNode header = MAPPER.createObjectNode();
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", t.dtype());
            var shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(offset).add(offset + t.bytes());
            offset += t.bytes();
        }
        byte[] json = MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : tensors) {
                t.body().write(out);
            }
        }
    }

    private static List<Tensor> tensorsOf(String name, Column column) {
        if (column instanceof FeatureColumn f) {
            return List.of(features(name, f.data()));
        }
        if (column instanceof TargetColumn t) {
            return List.of(targets(name, t.targets()));
        }
        return sequences(name, (SequenceColumn) column);
    }

    private static Tensor features(String name, Dataset data) {
        int n = data.size();
        int length = data.featureLength();
        long[] dims = data.featureShape().getShape();
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        boolean bytes = allBytes(data);
        long size = (long) n * length * (bytes ? 1 : 4);
        return new Tensor(name, bytes ? "U8" : "F32", shape, size, out -> {
            float[] chunk = new float[CHUNK * length];
            ByteBuffer buf = ByteBuffer.allocate(chunk.length * (bytes ? 1 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < n; from += CHUNK) {
                int count = Math.min(CHUNK, n - from);
                read(data, from, count, chunk);
                buf.clear();
                for (int i = 0; i < count * length; i++) {
                    if (bytes) {
                        buf.put((byte) Math.round(chunk[i] / BYTE_SCALE));
                    } else {
                        buf.putFloat(chunk[i]);
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
        });
    }

    /** Whether every feature is {@code k × 1/255} for a byte k, computed as float32: then bytes hold them exactly. */
    private static boolean allBytes(Dataset data) {
        int n = data.size();
        int length = data.featureLength();
        float[] chunk = new float[CHUNK * length];
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            read(data, from, count, chunk);
            for (int i = 0; i < count * length; i++) {
                float v = chunk[i];
                long k = Math.round(v / BYTE_SCALE);
                if (k < 0 || k > 255 || (float) k * BYTE_SCALE != v) {
                    return false;
                }
            }
        }
        return n > 0;
    }

    private static void read(Dataset data, int from, int count, float[] into) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = from + i;
        }
        data.copyFeatures(rows, 0, count, FloatBuffer.wrap(into));
    }

    private static Tensor targets(String name, Targets targets) {
        if (targets instanceof Targets.Classes c) {
            return longs(name, new long[] {c.size()}, c.labels());
        }
        Targets.Values v = (Targets.Values) targets;
        return floats(name, new long[] {v.size(), v.width()}, v.values());
    }

    private static List<Tensor> sequences(String name, SequenceColumn s) {
        int n = s.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + s.length(i);
        }
        Tensor values;
        if (s.holdsIndices()) {
            int[] flat = new int[offsets[n]];
            for (int i = 0; i < n; i++) {
                System.arraycopy(s.indices(i), 0, flat, offsets[i], s.length(i));
            }
            values = longs(name, new long[] {flat.length}, flat);
        } else {
            float[] flat = new float[offsets[n] * s.width()];
            for (int i = 0; i < n; i++) {
                float[] v = s.vectors(i);
                System.arraycopy(v, 0, flat, offsets[i] * s.width(), v.length);
            }
            values = floats(name, new long[] {offsets[n], s.width()}, flat);
        }
        return List.of(values, longs(name + ".offsets", new long[] {n + 1}, offsets));
    }

    private static Tensor longs(String name, long[] shape, int[] values) {
        return new Tensor(name, "I64", shape, values.length * 8L, out -> {
            ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                buf.putLong(values[i]);
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    private static Tensor floats(String name, long[] shape, float[] values) {
        return new Tensor(name, "F32", shape, values.length * 4L, out -> {
            ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buf.putFloat(v);
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    /** The columns' kinds for recipe.json. */
    static Map<String, Object> describe(ExampleTable table, List<String> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : columns) {
            Map<String, Object> d = new LinkedHashMap<>();
            Column column = table.column(name).orElseThrow();
            if (column instanceof FeatureColumn f) {
                d.put("kind", "features");
                d.put("shape", f.data().featureShape().getShape());
                d.put("byteScale", BYTE_SCALE);
            } else if (column instanceof TargetColumn t && t.targets() instanceof Targets.Classes c) {
                d.put("kind", "classes");
                d.put("classes", c.classCount());
            } else if (column instanceof TargetColumn t) {
                d.put("kind", "values");
                d.put("width", ((Targets.Values) t.targets()).width());
            } else {
                SequenceColumn s = (SequenceColumn) column;
                d.put("kind", s.holdsIndices() ? "index-sequence" : "vector-sequence");
                if (s.holdsIndices()) {
                    d.put("vocabulary", s.vocabulary());
                } else {
                    d.put("width", s.width());
                }
            }
            out.put(name, d);
        }
        return out;
    }
}
