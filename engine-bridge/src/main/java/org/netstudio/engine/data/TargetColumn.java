package org.netstudio.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Objects;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The targets of a {@link Dataset} as a column: a class index per example (int64 batches), or a
 * vector of real numbers (float32 {@code (n, width)} batches).
 */
public record TargetColumn(Targets targets) implements Column {

    public TargetColumn {
        Objects.requireNonNull(targets, "targets");
    }

    @Override
    public int size() {
        return targets.size();
    }

    @Override
    public TensorType type() {
        if (targets instanceof Targets.Classes c) {
            return new TensorType(ElementKind.index(c.classCount()), java.util.List.of());
        }
        return TensorType.real(((Targets.Values) targets).width());
    }

    @Override
    public String describe() {
        if (targets instanceof Targets.Classes c) {
            return "classes (" + c.classCount() + ": " + preview(c) + ")";
        }
        int width = ((Targets.Values) targets).width();
        return width == 1 ? "real numbers" : "vectors of " + width + " real numbers";
    }

    private static String preview(Targets.Classes c) {
        java.util.List<String> names = c.classNames();
        String shown = String.join(", ", names.subList(0, Math.min(4, names.size())));
        return names.size() > 4 ? shown + ", …" : shown;
    }

    @Override
    public TargetColumn subset(int[] rows) {
        return new TargetColumn(targets.subset(rows));
    }

    @Override
    public Batcher batcher(int maxBatch) {
        return new Reader(maxBatch);
    }

    /**
     * Writes the targets of examples {@code indices[from]} to {@code indices[from + count - 1]} into
     * {@code bytes} from its start, and limits it to them: int64 class labels, or {@code width} floats
     * per example.
     */
    static void copy(Targets targets, int width, int[] indices, int from, int count, ByteBuffer bytes) {
        bytes.clear();
        if (targets instanceof Targets.Classes classes) {
            int[] labels = classes.sharedLabels();
            LongBuffer out = bytes.asLongBuffer();
            for (int i = from; i < from + count; i++) {
                out.put(labels[indices[i]]);
            }
            bytes.limit(count * Long.BYTES);
        } else {
            float[] values = ((Targets.Values) targets).sharedValues();
            FloatBuffer out = bytes.asFloatBuffer();
            for (int i = from; i < from + count; i++) {
                out.put(values, indices[i] * width, width);
            }
            bytes.limit(count * width * Float.BYTES);
        }
    }

    private final class Reader implements Batcher {
        private final ByteBuffer bytes;
        private final int width;
        private int count;

        Reader(int maxBatch) {
            width = targets instanceof Targets.Values v ? v.width() : 0;
            bytes = ByteBuffer.allocateDirect(Math.multiplyExact(maxBatch, width == 0 ? Long.BYTES : width * Float.BYTES))
                    .order(ByteOrder.nativeOrder());
        }

        @Override
        public void prepare(int[] indices, int from, int count) {
            this.count = count;
            copy(targets, width, indices, from, count, bytes);
        }

        @Override
        public NDArray array(NDManager manager) {
            return width == 0 ? manager.create(bytes, new Shape(count), DataType.INT64)
                    : manager.create(bytes, new Shape(count, width), DataType.FLOAT32);
        }

        @Override
        public NDArray lengths(NDManager manager) {
            return null;
        }
    }
}
