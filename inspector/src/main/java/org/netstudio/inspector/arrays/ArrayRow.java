package org.netstudio.inspector.arrays;

import java.util.Objects;

/**
 * A learnable or state array of the selected layer.
 *
 * @param name      "weights", "movingMean"
 * @param shape     "500×800", with "?" where inference does not know a size yet
 * @param size      number of values, -1 when not known
 * @param trainable learned by training (else a state array such as batch-norm's moving mean)
 * @param stats     statistics of the values in the weights shown, or null when there are none
 * @param note      what differs between the weights and the layer ("the weights hold 10×800"), or ""
 */
public record ArrayRow(String name, String shape, long size, boolean trainable, ArrayStatistics stats, String note) {

    public ArrayRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        note = note == null ? "" : note;
    }
}
