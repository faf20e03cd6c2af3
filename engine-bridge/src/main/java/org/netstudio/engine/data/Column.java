package org.netstudio.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * One named field of a {@link ExampleTable}: a value per example that feeds a net input or is
 * the target of a net output. Values of fixed shape ({@link FeatureColumn}, {@link TargetColumn})
 * batch as one array; sequences of varying length ({@link SequenceColumn}) batch padded at the
 * end, with each example's length beside them. Immutable and safe to read from several threads.
 */
public sealed interface Column permits FeatureColumn, TargetColumn, SequenceColumn {

    /** The number of examples. */
    int size();

    /**
     * The type of one example's value in the net model's terms, to match against a port: real
     * features {@code 1×28×28}, a class index, {@code n} token indices of a varying length …
     */
    TensorType type();

    /** A phrase for messages, e.g. "vectors of 2 real numbers" or "sequences of characters (96 letters)". */
    String describe();

    /** The given rows, in that order (repeats allowed), as a column of the same kind. */
    Column subset(int[] rows);

    /** Whether every value is held in memory (reading is cheap and never fails). */
    default boolean inMemory() {
        return true;
    }

    /**
     * Makes a reader of batches of this column with buffers for at most {@code maxBatch}
     * examples. One reader serves one thread at a time.
     */
    Batcher batcher(int maxBatch);

    /**
     * Reads batches of one column into buffers allocated once (grown for longer sequences). On the
     * CPU, PyTorch wraps the buffer instead of copying it, so the arrays of one batch share memory
     * with the next: close them before preparing the next batch with the same reader.
     */
    interface Batcher {

        /** Reads examples {@code indices[from … from + count)} into the buffers; no arrays yet. */
        void prepare(int[] indices, int from, int count);

        /** The batch last prepared, {@code (count, …)}; sequences padded to the longest of the batch. */
        NDArray array(NDManager manager);

        /** Each example's length, int64 {@code (count)}, for a sequence column; null for fixed-shape values. */
        NDArray lengths(NDManager manager);
    }
}
