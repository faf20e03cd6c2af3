package org.netstudio.netgraph.catalog;

import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A learnable or state array of a layer, e.g. Linear's {@code weights} ({@code units×d}) or
 * BatchNorm's {@code movingMean} (not trainable). Dimensions may be unknown until the layer's
 * input is.
 */
public record ArraySpec(String name, List<Dim> shape, boolean trainable) {

    public ArraySpec {
        shape = List.copyOf(shape);
    }

    public static ArraySpec trainable(String name, Dim... shape) {
        return new ArraySpec(name, List.of(shape), true);
    }

    public static ArraySpec state(String name, Dim... shape) {
        return new ArraySpec(name, List.of(shape), false);
    }

    /** Number of elements, or -1 when a dimension is unknown ({@link Long#MAX_VALUE} past a long). */
    public long size() {
        return TensorType.elementCount(shape);
    }

    public String shapeText() {
        return shape.stream().map(Dim::toString).reduce((a, b) -> a + "×" + b).orElse("scalar");
    }
}
