package org.netstudio.canvas.preview;

import java.util.Arrays;
import java.util.Objects;

/**
 * The value on one port for one example, as a preview shows it: its shape (without the batch
 * axis) and its numbers in row-major order. Immutable; the canvas draws it, it computes nothing.
 *
 * @param shape  the sizes of the value's axes; empty for a scalar
 * @param values {@code product(shape)} numbers
 */
public record PortPicture(long[] shape, float[] values) {

    /** How a value is drawn. */
    public enum Kind {
        /** One number: written out. */
        SCALAR,
        /** A vector (class probabilities, features): bars. */
        BARS,
        /** A matrix (a sequence of vectors, or one image channel): a heat map, the first axis along x. */
        STRIP,
        /** Channels × height × width (feature maps, an image): a grid of tiles, one per channel. */
        TILES
    }

    public PortPicture {
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(shape));
            }
            size *= s;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " numbers, but " + values.length + " were given");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** The number at a flat index, without copying. */
    public float at(int index) {
        return values[index];
    }

    /** How many numbers. */
    public int size() {
        return values.length;
    }

    /** The rank (number of axes). */
    public int rank() {
        return shape.length;
    }

    /** The size of axis {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** How this value is drawn: by rank, with size-1 axes of an image-like value counted as rank. */
    public Kind kind() {
        if (values.length == 1) {
            return Kind.SCALAR;
        }
        return switch (shape.length) {
            case 0, 1 -> Kind.BARS;
            case 2 -> Kind.STRIP;
            default -> Kind.TILES;
        };
    }

    /** The smallest finite number, or 0 when there is none. */
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v) && v < m) {
                m = v;
            }
        }
        return Float.isFinite(m) ? m : 0;
    }

    /** The largest finite number, or 0 when there is none. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v) && v > m) {
                m = v;
            }
        }
        return Float.isFinite(m) ? m : 0;
    }

    /** How many numbers are NaN or infinite. */
    public int nonFinite() {
        int n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /** A one-line description: "32×26×26, −1.20 … 3.41". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : "×").append(shape[i]);
        }
        if (shape.length == 0) {
            s.append("scalar");
        }
        s.append(String.format(java.util.Locale.ROOT, ", %.3g … %.3g", min(), max()));
        int bad = nonFinite();
        if (bad > 0) {
            s.append(", ").append(bad).append(" not finite");
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortPicture p && Arrays.equals(shape, p.shape) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "PortPicture[" + summary() + "]";
    }
}
