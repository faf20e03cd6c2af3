package org.netstudio.engine.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor in Java memory: a shape and its float32 values, row-major. What the engine's runners
 * (NetStudio's {@code NetRunner}, ONNX Runtime's {@code OnnxRuntimeRunner}) take and return, so
 * callers (the CLI, the GUI) need no native memory of their own.
 * Immutable: the arrays given are copied and the accessors return copies. Safe to share between
 * threads.
 */
public final class TensorValue {

    private final long[] shape;
    private final float[] values;

    private TensorValue(long[] shape, float[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * A tensor of the given shape.
     *
     * @param values the values, row-major; copied
     * @param shape  the shape, each size 0 or more; empty for a scalar
     * @return the tensor
     * @throws IllegalArgumentException when the number of values does not match the shape
     */
    public static TensorValue of(float[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        long n = count(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(shape) + " holds " + n
                    + " values, but " + values.length + " were given");
        }
        return new TensorValue(shape.clone(), values.clone());
    }

    /**
     * A tensor of the given shape from a buffer's remaining values, read once (native memory a runtime
     * returned, say, with no array in between).
     *
     * @throws IllegalArgumentException when the number of values does not match the shape
     */
    public static TensorValue of(FloatBuffer values, long... shape) {
        Objects.requireNonNull(values, "values");
        long n = count(shape);
        if (n != values.remaining()) {
            throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(shape) + " holds " + n
                    + " values, but " + values.remaining() + " were given");
        }
        float[] copy = new float[values.remaining()];
        values.get(copy);
        return new TensorValue(shape.clone(), copy);
    }

    /**
     * A tensor of the given shape from a buffer its caller gives up (a copy a runtime has just made of its
     * native output, say): a heap buffer whose array holds exactly its values becomes the tensor's own, with
     * no second copy; any other buffer is copied, as by {@link #of(FloatBuffer, long...)}.
     *
     * @throws IllegalArgumentException when the number of values does not match the shape
     */
    public static TensorValue taking(FloatBuffer values, long... shape) {
        Objects.requireNonNull(values, "values");
        if (values.hasArray() && values.arrayOffset() == 0 && values.position() == 0
                && values.remaining() == values.array().length && count(shape) == values.remaining()) {
            return new TensorValue(shape.clone(), values.array());
        }
        return of(values, shape);
    }

    /** The number of values a shape holds; refuses a negative size. */
    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("A tensor's sizes cannot be negative, but the shape is "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** A copy of the values, row-major. */
    public float[] values() {
        return values.clone();
    }

    /**
     * Writes the values into a buffer at its position, with no copy in between (a runtime's native input, say).
     *
     * @throws java.nio.BufferOverflowException when the buffer has less room than {@link #size()}
     */
    public void copyTo(FloatBuffer target) {
        target.put(values);
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** One value, by its position in row-major order. */
    public float value(int index) {
        return values[index];
    }

    /**
     * The same values under another shape of as many values (e.g. without a batch axis of 1).
     * The values are shared, not copied: neither tensor ever changes them.
     *
     * @throws IllegalArgumentException when the shape holds another number of values
     */
    public TensorValue reshaped(long... newShape) {
        long n = count(newShape);
        if (n != values.length) {
            throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(newShape) + " holds " + n
                    + " values, but this one has " + values.length);
        }
        return new TensorValue(newShape.clone(), values);
    }

    /** Equal shapes and values, bit for bit. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TensorValue t) || !Arrays.equals(shape, t.shape) || values.length != t.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.floatToIntBits(values[i]) != Float.floatToIntBits(t.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TensorValue" + Arrays.toString(shape);
    }
}
