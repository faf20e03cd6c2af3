package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The arrays of one batch by column name, with each sequence column's lengths. Owned by the
 * batch's manager; valid until the next batch is read.
 *
 * @param count   the number of examples
 * @param arrays  each column's batch, {@code (count, …)}
 * @param lengths each sequence column's lengths, int64 {@code (count)}; absent for fixed-shape columns
 */
public record Batch(int count, Map<String, NDArray> arrays, Map<String, NDArray> lengths) {

    /** A column's batch. */
    public NDArray array(String column) {
        NDArray a = arrays.get(column);
        if (a == null) {
            throw new IllegalArgumentException("The batch has no column '" + column + "'; it has " + arrays.keySet());
        }
        return a;
    }

    /** A sequence column's lengths, or null for a fixed-shape column. */
    public NDArray lengths(String column) {
        return lengths.get(column);
    }
}
