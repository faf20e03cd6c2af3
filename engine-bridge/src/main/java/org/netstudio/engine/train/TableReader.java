package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;

/**
 * Reads batches of the columns a {@link Feeding} needs into reusable buffers, and arranges them as
 * a block's inputs. Not thread-safe: one thread at a time (a reading thread may {@link #prepare} a
 * batch that the training thread then turns into arrays, given a happens-before hand-over).
 */
final class TableReader {

    private final Feeding feeding;
    private final Map<String, Column.Batcher> batchers = new LinkedHashMap<>();
    private int count;

    TableReader(ExampleTable table, Feeding feeding, int maxBatch) {
        this.feeding = feeding;
        for (String name : feeding.columns()) {
            Column column = table.column(name).orElseThrow(() -> new IllegalArgumentException(
                    "The data '" + table.name() + "' has no column '" + name + "'; it has " + table.columns().keySet()));
            batchers.put(name, column.batcher(maxBatch));
        }
    }

    /** Reads examples {@code indices[from … from + count)} of every column. */
    void prepare(int[] indices, int from, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A batch needs at least one example, but " + count + " were asked for");
        }
        this.count = count;
        for (Column.Batcher b : batchers.values()) {
            b.prepare(indices, from, count);
        }
    }

    /** The arrays of the batch last prepared. */
    Batch arrays(NDManager manager) {
        Map<String, NDArray> arrays = new HashMap<>();
        Map<String, NDArray> lengths = new HashMap<>();
        for (Map.Entry<String, Column.Batcher> e : batchers.entrySet()) {
            arrays.put(e.getKey(), e.getValue().array(manager));
            NDArray n = e.getValue().lengths(manager);
            if (n != null) {
                lengths.put(e.getKey(), n);
            }
        }
        return new Batch(count, arrays, lengths);
    }

    /** The block's inputs for a batch: each input's column (reshaped where the feeding says), then the lengths. */
    NDList blockInputs(Batch batch) {
        List<String> inputs = feeding.inputs();
        NDList list = new NDList(inputs.size() + feeding.lengths().size());
        for (int i = 0; i < inputs.size(); i++) {
            NDArray a = batch.array(inputs.get(i));
            Shape shape = feeding.inputShapes().get(i);
            if (shape != null && !a.getShape().slice(1).equals(shape)) {
                long[] dims = new long[shape.dimension() + 1];
                dims[0] = batch.count();
                System.arraycopy(shape.getShape(), 0, dims, 1, shape.dimension());
                a = a.reshape(new Shape(dims));
            }
            list.add(a);
        }
        for (String column : feeding.lengths()) {
            NDArray n = batch.lengths(column);
            if (n == null) {
                // Fixed-length values along a varying size: every example has the full length.
                NDArray a = batch.array(column);
                n = a.getManager().full(new Shape(batch.count()), (int) a.getShape().get(1), ai.djl.ndarray.types.DataType.INT64);
            }
            list.add(n);
        }
        return list;
    }
}
