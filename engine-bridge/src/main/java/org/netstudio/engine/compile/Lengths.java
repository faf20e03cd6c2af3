package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The per-example lengths of the varying axes of one layer's inputs in one padded batch. A
 * sequence of varying length {@code n} is batched as {@code (batch, maxLength, …)}, padded at the
 * end; its lengths are an int64 {@code (batch)} array. Kernels that read along such an axis (the
 * last element of a sequence, a reversal, attention over keys, pooling and losses) use them so
 * that padding never changes a result; kernels that act on each element alike ignore them.
 * Immutable; {@link #NONE} when every sequence of the batch has its full length.
 */
final class Lengths {

    static final Lengths NONE = new Lengths(new NDArray[0][]);

    /** [input port][tensor axis] → lengths, or null where the axis has no varying length. */
    private final NDArray[][] byPort;

    Lengths(NDArray[][] byPort) {
        this.byPort = byPort;
    }

    /** The lengths along a tensor axis of an input port, or null when all are full. */
    NDArray of(int port, int axis) {
        return port < byPort.length && byPort[port] != null && axis < byPort[port].length ? byPort[port][axis] : null;
    }

    /** The tensor axis of the first varying axis of an input port, or -1. */
    int firstAxis(int port) {
        if (port >= byPort.length || byPort[port] == null) {
            return -1;
        }
        for (int a = 0; a < byPort[port].length; a++) {
            if (byPort[port][a] != null) {
                return a;
            }
        }
        return -1;
    }

    /**
     * A {@code (batch, length)} mask of this port's varying axis {@code axis}: 1 at real
     * elements, 0 at padding, in the data type {@code type}.
     */
    static NDArray mask(NDArray lengths, long length, DataType type) {
        NDArray positions = lengths.getManager().arange(0, length, 1, DataType.INT64, lengths.getDevice())
                .expandDims(0);
        return positions.lt(lengths.expandDims(1)).toType(type, false);
    }

    /**
     * The mask broadcast against {@code x}, whose tensor axis {@code axis} is the varying one:
     * shape {@code (batch, 1…, length, 1…)}.
     */
    static NDArray maskLike(NDArray x, int axis, NDArray lengths) {
        NDArray m = mask(lengths, x.getShape().get(axis), x.getDataType());
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = x.getShape().get(0);
        shape[axis] = x.getShape().get(axis);
        return m.reshape(new Shape(shape));
    }

    /** Takes, for each example, the element at index {@code lengths − 1} along tensor axis 1. */
    static NDArray last(NDArray x, NDArray lengths) {
        NDArray index = lengths.sub(1).clip(0, Long.MAX_VALUE);
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = x.getShape().get(0);
        NDArray idx = index.reshape(new Shape(shape));
        long[] target = x.getShape().getShape().clone();
        target[1] = 1;
        return x.gather(idx.broadcast(new Shape(target)), 1).squeeze(1);
    }

    /** Reverses, for each example, its first {@code lengths} elements along tensor axis 1; padding stays where it is. */
    static NDArray reverse(NDArray x, NDArray lengths) {
        long n = x.getShape().get(1);
        NDArray t = x.getManager().arange(0, n, 1, DataType.INT64, x.getDevice()).expandDims(0);
        NDArray len = lengths.expandDims(1);
        NDArray inside = t.lt(len);
        NDArray index = ai.djl.ndarray.NDArrays.where(inside, len.sub(1).sub(t), t.broadcast(inside.getShape()));
        long[] shape = x.getShape().getShape().clone();
        long[] idxShape = new long[shape.length];
        Arrays.fill(idxShape, 1);
        idxShape[0] = shape[0];
        idxShape[1] = n;
        return x.gather(index.reshape(new Shape(idxShape)).broadcast(x.getShape()), 1);
    }
}
