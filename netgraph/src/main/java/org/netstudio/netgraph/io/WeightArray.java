package org.netstudio.netgraph.io;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named array of numbers, e.g. the weights of a layer: its name (in a {@link Weights} map, the
 * key {@code "<node path>/<array name>"}), its shape (row-major, empty for a scalar), and its values
 * — real numbers as float32, or whole numbers as int64 (for integer tensors read from elsewhere).
 *
 * <p>Immutable: the arrays given are copied, and the accessors return copies or read-only views.
 * Safe to share between threads. No argument may be null.
 */
public final class WeightArray {

    private final String name;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private WeightArray(String name, long[] shape, float[] floats, long[] longs) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an array needs a name");
        }
        this.shape = shape.clone();
        long count = elementCount(this.shape, name);
        int length = floats != null ? floats.length : longs.length;
        if (count != length) {
            throw new IllegalArgumentException("array \"" + name + "\" of shape " + Arrays.toString(shape)
                    + " needs " + count + " values, but got " + length);
        }
        this.floats = floats;
        this.longs = longs;
    }

    /** Real values (float32) of the given shape; the data is copied. */
    public static WeightArray of(String name, long[] shape, float[] data) {
        return new WeightArray(name, shape, data.clone(), null);
    }

    /** Whole-number values (int64) of the given shape; the data is copied. */
    public static WeightArray ofLongs(String name, long[] shape, long[] data) {
        return new WeightArray(name, shape, null, data.clone());
    }

    /** Takes ownership of arrays just decoded from a file (no copy). */
    static WeightArray owning(String name, long[] shape, float[] floats, long[] longs) {
        return new WeightArray(name, shape, floats, longs);
    }

    /** The number of values a shape holds; throws when it overflows or a size is negative. */
    static long elementCount(long[] shape, String name) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("array \"" + name + "\" has a negative size in its shape "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** Whether the values are real numbers (else whole numbers, see {@link #longs()}). */
    public boolean isReal() {
        return floats != null;
    }

    /** A copy of the real values; whole numbers are converted (exactly up to 2^24). */
    public float[] floats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /** A read-only view of the real values, without copying; throws for whole-number arrays. */
    public FloatBuffer floatView() {
        if (floats == null) {
            throw new IllegalStateException("array \"" + name + "\" holds whole numbers; use longs()");
        }
        return FloatBuffer.wrap(floats).asReadOnlyBuffer();
    }

    /** A copy of the whole-number values; throws for real arrays. */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("array \"" + name + "\" holds real numbers; use floats()");
        }
        return longs.clone();
    }

    /** A read-only view of the whole-number values; throws for real arrays. */
    public LongBuffer longView() {
        if (longs == null) {
            throw new IllegalStateException("array \"" + name + "\" holds real numbers; use floats()");
        }
        return LongBuffer.wrap(longs).asReadOnlyBuffer();
    }

    /** The same values under another name (e.g. after a node was renamed). */
    public WeightArray withName(String newName) {
        return new WeightArray(newName, shape, floats, longs);
    }

    /** Equal names, shapes and values (bit for bit, NaNs included). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeightArray w)) {
            return false;
        }
        if (!name.equals(w.name) || !Arrays.equals(shape, w.shape)) {
            return false;
        }
        if (floats != null) {
            if (w.floats == null || floats.length != w.floats.length) {
                return false;
            }
            for (int i = 0; i < floats.length; i++) {
                if (Float.floatToRawIntBits(floats[i]) != Float.floatToRawIntBits(w.floats[i])) {
                    return false;
                }
            }
            return true;
        }
        return Arrays.equals(longs, w.longs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + (floats != null ? Arrays.hashCode(floats)
                : Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        return name + " " + (floats != null ? "F32" : "I64") + Arrays.toString(shape);
    }
}
