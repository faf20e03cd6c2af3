package org.netstudio.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The features of a {@link Dataset} as a column: real numbers of one shape per example, read
 * from memory or (for image folders) from disk only when a batch asks for them.
 */
public record FeatureColumn(Dataset data) implements Column {

    public FeatureColumn {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public TensorType type() {
        List<Dim> dims = new ArrayList<>();
        for (long d : data.featureShape().getShape()) {
            dims.add(Dim.of((int) d));
        }
        return TensorType.real(dims);
    }

    @Override
    public String describe() {
        long[] s = data.featureShape().getShape();
        if (s.length == 1) {
            return "vectors of " + s[0] + " real number" + (s[0] == 1 ? "" : "s");
        }
        return "real arrays of shape " + type().shapeText();
    }

    @Override
    public FeatureColumn subset(int[] rows) {
        return new FeatureColumn(data.subset(rows, data.name()));
    }

    @Override
    public boolean inMemory() {
        return data.inMemory();
    }

    @Override
    public Batcher batcher(int maxBatch) {
        return new Reader(maxBatch);
    }

    private final class Reader implements Batcher {
        private final long[] dims;
        private final ByteBuffer bytes;
        private final FloatBuffer floats;

        Reader(int maxBatch) {
            long[] shape = data.featureShape().getShape();
            dims = new long[shape.length + 1];
            System.arraycopy(shape, 0, dims, 1, shape.length);
            bytes = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(maxBatch, data.featureLength()),
                    Float.BYTES)).order(ByteOrder.nativeOrder());
            floats = bytes.asFloatBuffer();
        }

        @Override
        public void prepare(int[] indices, int from, int count) {
            floats.clear();
            data.copyFeatures(indices, from, count, floats);
            bytes.clear().limit(count * data.featureLength() * Float.BYTES);
            dims[0] = count;
        }

        @Override
        public NDArray array(NDManager manager) {
            return manager.create(bytes, new Shape(dims), DataType.FLOAT32);
        }

        @Override
        public NDArray lengths(NDManager manager) {
            return null;
        }
    }
}
