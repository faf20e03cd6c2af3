package org.netstudio.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Turns examples of a {@link Dataset} into DJL arrays, batch after batch, through buffers
 * allocated once.
 *
 * <p>Features become a float32 array of shape {@code (n, featureShape…)}. Class targets become an
 * int64 array of shape {@code (n)} holding class indices; real targets a float32 array of shape
 * {@code (n, width)}.
 *
 * <p><b>Buffer reuse.</b> On the CPU, PyTorch wraps the buffer rather than copying it, so the
 * arrays returned by one call share memory with the next call's. Close (or stop using) a batch's
 * arrays, typically by closing the batch's {@link NDManager}, before asking for the next batch.
 * Not thread-safe: one thread at a time per builder (a reading thread may {@link #prepare} a
 * batch that the training thread then turns into arrays, given a happens-before hand-over such as
 * a {@code Future}).
 */
public final class BatchBuilder {

    private final Dataset data;
    private final int maxBatchSize;
    private final long[] featureDims;
    private final ByteBuffer featureBytes;
    private final FloatBuffer featureFloats;
    private final ByteBuffer targetBytes;
    private final int targetWidth;

    /**
     * Allocates the buffers for batches of at most {@code maxBatchSize} examples.
     *
     * @param data the dataset to read, not null
     * @param maxBatchSize the largest batch that will be asked for, at least 1
     */
    public BatchBuilder(Dataset data, int maxBatchSize) {
        this.data = Objects.requireNonNull(data, "data");
        Bounds.atLeastOne("maxBatchSize", maxBatchSize);
        this.maxBatchSize = maxBatchSize;
        long[] shape = data.featureShape().getShape();
        this.featureDims = new long[shape.length + 1];
        System.arraycopy(shape, 0, featureDims, 1, shape.length);
        this.featureBytes = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(maxBatchSize, data.featureLength()), Float.BYTES))
                .order(ByteOrder.nativeOrder());
        this.featureFloats = featureBytes.asFloatBuffer();
        if (data.targets() instanceof Targets.Values values) {
            targetWidth = values.width();
            targetBytes = ByteBuffer.allocateDirect(maxBatchSize * targetWidth * Float.BYTES).order(ByteOrder.nativeOrder());
        } else {
            targetWidth = 0;
            targetBytes = ByteBuffer.allocateDirect(maxBatchSize * Long.BYTES).order(ByteOrder.nativeOrder());
        }
    }

    /** The dataset this builder reads. */
    public Dataset dataset() {
        return data;
    }

    /**
     * Builds the features of examples {@code indices[from … from + count)}.
     *
     * @param manager the manager that owns the new array (and decides its device)
     * @param indices example indices
     * @param from first entry of {@code indices}
     * @param count number of examples, 1 to {@code maxBatchSize}
     * @return a float32 array of shape {@code (count, featureShape…)}
     */
    public NDArray features(NDManager manager, int[] indices, int from, int count) {
        fillFeatures(indices, from, count);
        return preparedFeatures(manager);
    }

    /**
     * Builds the targets of examples {@code indices[from … from + count)}.
     *
     * @param manager the manager that owns the new array
     * @param indices example indices
     * @param from first entry of {@code indices}
     * @param count number of examples, 1 to {@code maxBatchSize}
     * @return int64 {@code (count)} class indices, or float32 {@code (count, width)} values
     */
    public NDArray targets(NDManager manager, int[] indices, int from, int count) {
        fillTargets(indices, from, count);
        return preparedTargets(manager);
    }

    /**
     * Reads a batch into this builder's buffers without making arrays, so that a slow dataset
     * (images decoded from disk) can be read on another thread while the previous batch trains.
     * Follow with {@link #preparedFeatures} and {@link #preparedTargets}.
     *
     * @param indices example indices
     * @param from first entry of {@code indices}
     * @param count number of examples, 1 to {@code maxBatchSize}
     */
    public void prepare(int[] indices, int from, int count) {
        fillFeatures(indices, from, count);
        fillTargets(indices, from, count);
    }

    /**
     * Makes the features array of the batch last read (by {@link #prepare} or {@link #features}).
     *
     * @param manager the manager that owns the new array
     * @return a float32 array of shape {@code (count, featureShape…)}
     */
    public NDArray preparedFeatures(NDManager manager) {
        return manager.create(featureBytes, new Shape(featureDims), DataType.FLOAT32);
    }

    /**
     * Makes the targets array of the batch last read.
     *
     * @param manager the manager that owns the new array
     * @return int64 {@code (count)} class indices, or float32 {@code (count, width)} values
     */
    public NDArray preparedTargets(NDManager manager) {
        int count = (int) featureDims[0];
        return targetWidth == 0
                ? manager.create(targetBytes, new Shape(count), DataType.INT64)
                : manager.create(targetBytes, new Shape(count, targetWidth), DataType.FLOAT32);
    }

    private void fillFeatures(int[] indices, int from, int count) {
        checkCount(count);
        featureFloats.clear();
        data.copyFeatures(indices, from, count, featureFloats);
        featureBytes.clear().limit(count * data.featureLength() * Float.BYTES);
        featureDims[0] = count;
    }

    private void fillTargets(int[] indices, int from, int count) {
        checkCount(count);
        TargetColumn.copy(data.targets(), targetWidth, indices, from, count, targetBytes);
        featureDims[0] = count;
    }

    private void checkCount(int count) {
        if (count < 1 || count > maxBatchSize) {
            throw new IllegalArgumentException(
                    "A batch must have 1 to " + maxBatchSize + " examples, but " + count + " were asked for");
        }
    }
}
