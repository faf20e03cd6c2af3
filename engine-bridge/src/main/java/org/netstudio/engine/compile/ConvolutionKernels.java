package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.engine.tensor.Scalars;
import org.netstudio.netgraph.catalog.Params;

/**
 * Convolution, Deconvolution, Pooling and GlobalPooling on channels-first batches
 * {@code (batch, c, s1…sk)}, k = 1 to 3, taken from the input's rank at run time.
 *
 * <p>Two choices worth knowing: padding "same" with an odd total puts the extra zero after the
 * data (as PyTorch does); mean pooling averages only the values inside the input (padding is not
 * counted), so a window at the border is the mean of what it covers.
 */
final class ConvolutionKernels {

    private ConvolutionKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.of(
            "Convolution", ConvolutionKernels::convolution,
            "Deconvolution", ConvolutionKernels::deconvolution,
            "Pooling", ConvolutionKernels::pooling,
            "GlobalPooling", p -> globalPooling("max".equals(p.getString("function"))),
            "Upsample", ConvolutionKernels::upsample);

    /** Weights {@code channels×(c/groups)×k1…kk}, biases {@code channels}. */
    private static LayerKernel convolution(Params p) {
        boolean bias = p.getBool("bias");
        int groups = p.getInt("groups");
        boolean same = "same".equals(p.get("padding"));
        return (in, a, training) -> {
            NDArray x = in.head();
            int axes = Kernels.spatialAxes(x);
            int[] k = p.perAxis("kernel", axes);
            int[] stride = p.perAxis("stride", axes);
            int[] dilation = p.perAxis("dilation", axes);
            int[] pad;
            if (same) {
                int[] before = new int[axes];
                int[] after = new int[axes];
                boolean symmetric = true;
                for (int i = 0; i < axes; i++) {
                    int total = dilation[i] * (k[i] - 1);
                    before[i] = total / 2;
                    after[i] = total - before[i];
                    symmetric &= before[i] == after[i];
                }
                if (symmetric) {
                    pad = before;
                } else {
                    x = padSpatial(x, before, after);
                    pad = new int[axes];
                }
            } else {
                pad = p.perAxis("padding", axes);
            }
            return x.getNDArrayInternal().convolution(x, a[0], bias ? a[1] : null, Kernels.shape(stride),
                    Kernels.shape(pad), Kernels.shape(dilation), groups);
        };
    }

    /**
     * Weights {@code c×channels×k1…kk} (PyTorch's layout), biases {@code channels}. DJL's PyTorch
     * engine has no transposed convolution, so it is computed as its definition: spread the input
     * apart by the stride (zeros between values), pad by {@code k-1} on both sides (plus the output
     * padding after), convolve with the kernel flipped and its channel axes swapped, then remove
     * {@code padding} from each side.
     */
    private static LayerKernel deconvolution(Params p) {
        boolean bias = p.getBool("bias");
        return (in, a, training) -> {
            NDArray x = in.head();
            int axes = Kernels.spatialAxes(x);
            int[] k = p.perAxis("kernel", axes);
            int[] stride = p.perAxis("stride", axes);
            int[] pad = p.perAxis("padding", axes);
            int[] outputPadding = p.perAxis("outputPadding", axes);
            int[] flipAxes = new int[axes];
            for (int i = 0; i < axes; i++) {
                flipAxes[i] = i + 2;
                if (stride[i] > 1) {
                    x = spread(x, i + 2, stride[i]);
                }
            }
            NDArray kernel = a[0].swapAxes(0, 1).flip(flipAxes);
            int[] before = new int[axes];
            int[] after = new int[axes];
            for (int i = 0; i < axes; i++) {
                before[i] = k[i] - 1;
                after[i] = k[i] - 1 + outputPadding[i];
            }
            x = padSpatial(x, before, after);
            int[] ones = new int[axes];
            java.util.Arrays.fill(ones, 1);
            NDArray y = x.getNDArrayInternal().convolution(x, kernel, bias ? a[1] : null, Kernels.shape(ones),
                    Kernels.shape(new int[axes]), Kernels.shape(ones), 1).head();
            boolean crop = false;
            for (int v : pad) {
                crop |= v > 0;
            }
            if (crop) {
                NDIndex index = new NDIndex().addAllDim().addAllDim();
                for (int i = 0; i < axes; i++) {
                    long size = y.getShape().get(i + 2);
                    index.addSliceDim(pad[i], size - pad[i]);
                }
                y = y.get(index);
            }
            return new NDList(y);
        };
    }

    /**
     * Each spatial axis in turn grows {@code s} times: output position {@code s·i + r} is the input at {@code i}
     * (nearest) or a blend of it and its neighbour (linear, PyTorch's align_corners=False: the sample point
     * {@code i + (r + ½)/s - ½}, the edge value repeated past the ends). The {@code s} phases are stacked after
     * the axis and merged into it, so the work is {@code s} multiply-adds per output value, and autograd sees
     * only slices, products and sums.
     */
    private static LayerKernel upsample(Params p) {
        boolean linear = "linear".equals(p.getString("method"));
        return (in, a, training) -> {
            NDArray x = in.head();
            int axes = Kernels.spatialAxes(x);
            int[] scale = p.perAxis("scale", axes);
            for (int i = 0; i < axes; i++) {
                if (scale[i] > 1) {
                    x = upsampleAxis(x, i + 2, scale[i], linear);
                }
            }
            return new NDList(x);
        };
    }

    private static NDArray upsampleAxis(NDArray x, int axis, int scale, boolean linear) {
        Shape s = x.getShape();
        long n = s.get(axis);
        NDArray next = null;
        NDArray previous = null;
        if (linear) {
            next = n == 1 ? x : x.get(slice(s.dimension(), axis, 1, n)).concat(x.get(slice(s.dimension(), axis, n - 1, n)), axis);
            previous = n == 1 ? x : x.get(slice(s.dimension(), axis, 0, 1)).concat(x.get(slice(s.dimension(), axis, 0, n - 1)), axis);
        }
        NDList phases = new NDList(scale);
        for (int r = 0; r < scale; r++) {
            double f = (r + 0.5) / scale - 0.5;
            NDArray y;
            if (!linear || f == 0) {
                y = x;
            } else if (f > 0) {
                y = Scalars.times(x, 1 - f).add(Scalars.times(next, f));
            } else {
                y = Scalars.times(x, 1 + f).add(Scalars.times(previous, -f));
            }
            phases.add(y);
        }
        long[] merged = s.getShape().clone(); // Shape hands out its own array
        merged[axis] = n * scale;
        return NDArrays.stack(phases, axis + 1).reshape(new Shape(merged));
    }

    /** Every position of {@code rank} axes, but {@code from … to-1} on {@code axis}. */
    private static NDIndex slice(int rank, int axis, long from, long to) {
        NDIndex index = new NDIndex();
        for (int i = 0; i < rank; i++) {
            if (i == axis) {
                index.addSliceDim(from, to);
            } else {
                index.addAllDim();
            }
        }
        return index;
    }

    /** Puts {@code stride - 1} zeros between neighbouring values along one axis: size L becomes (L-1)·stride+1. */
    private static NDArray spread(NDArray x, int axis, int stride) {
        Shape s = x.getShape();
        int rank = s.dimension();
        NDArray e = x.expandDims(axis + 1);
        long[] pairs = new long[2 * (rank + 1 - (axis + 1))];
        pairs[pairs.length - 1] = stride - 1;
        e = e.pad(new Shape(pairs), 0);
        long[] merged = new long[rank];
        for (int i = 0; i < rank; i++) {
            merged[i] = i == axis ? s.get(i) * stride : s.get(i);
        }
        NDArray flat = e.reshape(new Shape(merged));
        NDIndex keep = new NDIndex();
        for (int i = 0; i < rank; i++) {
            if (i == axis) {
                keep.addSliceDim(0, (s.get(i) - 1) * stride + 1);
            } else {
                keep.addAllDim();
            }
        }
        return flat.get(keep);
    }

    /** Pads the spatial axes with zeros, {@code before[i]} in front and {@code after[i]} behind. */
    private static NDArray padSpatial(NDArray x, int[] before, int[] after) {
        int axes = before.length;
        long[] pairs = new long[2 * axes];
        // DJL (like PyTorch) lists the pairs from the last axis backwards.
        for (int i = 0; i < axes; i++) {
            int axis = axes - 1 - i;
            pairs[2 * i] = before[axis];
            pairs[2 * i + 1] = after[axis];
        }
        return x.pad(new Shape(pairs), 0);
    }

    private static LayerKernel pooling(Params p) {
        boolean max = "max".equals(p.getString("function"));
        boolean ceil = p.getBool("ceil");
        return (in, a, training) -> {
            NDArray x = in.head();
            int axes = Kernels.spatialAxes(x);
            int[] k = p.perAxis("kernel", axes);
            int[] stride = p.has("stride") ? p.perAxis("stride", axes) : k;
            int[] padding = p.perAxis("padding", axes);
            Shape kernel = Kernels.shape(k);
            Shape step = Kernels.shape(stride);
            Shape pad = Kernels.shape(padding);
            if (max) {
                return new NDList(x.getNDArrayInternal().maxPool(kernel, step, pad, ceil));
            }
            NDArray sums = x.getNDArrayInternal().avgPool(kernel, step, pad, ceil, false);
            boolean padded = ceil; // a window hanging over the end covers less than the kernel, too
            for (int v : padding) {
                padded |= v > 0;
            }
            if (!padded) {
                return new NDList(sums);
            }
            // DJL's PyTorch engine ignores countIncludePad and always counts the padding; divide by
            // the share of each window that lies inside the input to get the mean of what it covers.
            long[] one = x.getShape().getShape().clone();
            one[0] = 1;
            one[1] = 1;
            try (NDArray ones = x.getManager().ones(new Shape(one), x.getDataType(), x.getDevice())) {
                NDArray share = ones.getNDArrayInternal().avgPool(kernel, step, pad, ceil, false);
                return new NDList(sums.div(share));
            }
        };
    }

    /** {@code (batch, c, s…) → (batch, c)}. */
    /** Over every spatial axis; in a padded batch, over each example's own elements only. */
    private static LayerKernel globalPooling(boolean max) {
        return (LayerKernel.Masked) (in, a, training, lengths) -> {
            NDArray x = in.head();
            int axis = lengths.firstAxis(0);
            if (axis >= 2) {
                NDArray real = Lengths.maskLike(x, axis, lengths.of(0, axis)).broadcast(x.getShape());
                Shape s = x.getShape();
                NDArray m = real.reshape(s.get(0), s.get(1), -1);
                NDArray flat = x.reshape(s.get(0), s.get(1), -1);
                if (max) {
                    return new NDList(flat.add(Scalars.times(m.sub(1), 1e30)).max(new int[] {2}));
                }
                return new NDList(flat.mul(m).sum(new int[] {2}).div(m.sum(new int[] {2})));
            }
            Shape s = x.getShape();
            NDArray flat = x.reshape(s.get(0), s.get(1), -1);
            return new NDList(max ? flat.max(new int[] {2}) : flat.mean(new int[] {2}));
        };
    }
}
