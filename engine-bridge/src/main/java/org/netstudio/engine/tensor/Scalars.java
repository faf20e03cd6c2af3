package org.netstudio.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array and a Java number, safe under autograd. Use these instead of DJL's
 * {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)},
 * {@code minimum(Number)} and {@code NDArrays.div/pow(Number, NDArray)} (an ArchUnit rule keeps it so).
 *
 * <p><b>Why.</b> DJL's PyTorch engine turns the number into a tensor that points into a direct
 * {@code ByteBuffer} without copying, runs the operation and closes that tensor at once. Autograd
 * keeps the scalar for the backward pass (the gradient of {@code x / c} is {@code g / c}), but
 * nothing keeps the buffer: when the garbage collector frees it between forward and backward, the
 * gradient reads whatever memory now lies there. Training then fails with a NaN at a random batch,
 * different from run to run with the same seed (the gallery's Transformer encoder did, through its
 * attention's {@code 1/√d}). Here the scalar is made by PyTorch itself ({@code full}), so autograd's
 * reference keeps it alive; it belongs to the array's manager like any other result.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A scalar array holding {@code value}, in {@code like}'s data type, manager and device. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x · value}. */
    public static NDArray times(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}. */
    public static NDArray over(NDArray x, double value) {
        return x.div(of(x, value));
    }

    /** {@code value / x}. */
    public static NDArray dividing(double value, NDArray x) {
        return of(x, value).div(x);
    }

    /** {@code x ^ value}. */
    public static NDArray power(NDArray x, double value) {
        return x.pow(of(x, value));
    }

    /** {@code value ^ x}. */
    public static NDArray raising(double value, NDArray x) {
        return of(x, value).pow(x);
    }

    /** {@code max(x, value)}, element by element. */
    public static NDArray atLeast(NDArray x, double value) {
        return x.maximum(of(x, value));
    }

    /** {@code min(x, value)}, element by element. */
    public static NDArray atMost(NDArray x, double value) {
        return x.minimum(of(x, value));
    }
}
