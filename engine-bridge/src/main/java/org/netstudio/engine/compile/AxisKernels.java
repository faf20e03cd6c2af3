package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.engine.tensor.Scalars;
import org.netstudio.netgraph.catalog.AxisLayers;
import org.netstudio.netgraph.catalog.Params;

/**
 * Padding and Aggregation. Both are written with slices, concatenations and reductions that
 * PyTorch differentiates, so the gradient passes through them.
 */
final class AxisKernels {

    private AxisKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE =
            Map.of("Padding", AxisKernels::padding, "Aggregation", AxisKernels::aggregation);

    private static LayerKernel padding(Params p) {
        List<Integer> before = p.getIntList("before");
        List<Integer> after = AxisLayers.after(p);
        String method = p.getString("method");
        double value = p.getDouble("value");
        return Kernels.unary(x -> {
            int rank = x.getShape().dimension();
            NDArray y = x;
            for (int i = 0; i < before.size(); i++) {
                int axis = rank - before.size() + i;
                y = padAxis(y, axis, before.get(i), after.get(i), method, value);
            }
            return y;
        });
    }

    /** Pads one tensor axis by concatenating the added values on either side. */
    private static NDArray padAxis(NDArray x, int axis, int before, int after, String method, double value) {
        if (before == 0 && after == 0) {
            return x;
        }
        long size = x.getShape().get(axis);
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(border(x, axis, before, method, value, 0, size));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(border(x, axis, after, method, value, size - 1, size));
        }
        return NDArrays.concat(parts, axis);
    }

    /** The {@code count} values added next to the border at {@code edge} (0 or size − 1). */
    private static NDArray border(NDArray x, int axis, int count, String method, double value, long edge, long size) {
        return switch (method) {
            case "reflect" -> {
                // The values next to the border, not the border itself, mirrored: x[count..1] before, x[n-2..n-1-count] after.
                NDArray near = edge == 0 ? slice(x, axis, 1, count + 1) : slice(x, axis, size - 1 - count, size - 1);
                yield near.flip(axis);
            }
            case "edge" -> slice(x, axis, edge, edge + 1).repeat(axis, count);
            default -> {
                long[] shape = x.getShape().getShape().clone(); // Shape hands out its own array
                shape[axis] = count;
                yield Scalars.of(x, value).broadcast(new Shape(shape));
            }
        };
    }

    private static NDArray slice(NDArray x, int axis, long from, long to) {
        return x.get(new NDIndex().addAllDim(axis).addSliceDim(from, to));
    }

    private static LayerKernel aggregation(Params p) {
        String function = p.getString("function");
        boolean keep = p.getBool("keepAxes");
        return (LayerKernel.Masked) (in, a, training, lengths) -> {
            NDArray x = in.head();
            boolean[] over = AxisLayers.aggregatedAxes(p, x.getShape().dimension() - 1);
            List<Integer> axes = new ArrayList<>();
            NDArray real = null;
            for (int i = 0; i < over.length; i++) {
                if (over[i]) {
                    axes.add(i + 1);
                    NDArray n = lengths.of(0, i + 1);
                    if (n != null) {
                        NDArray m = Lengths.maskLike(x, i + 1, n);
                        real = real == null ? m : real.mul(m);
                    }
                }
            }
            int[] dims = axes.stream().mapToInt(Integer::intValue).toArray();
            Reduction total = (y, axis) -> y.sum(axis, keep);
            if (real == null) {
                // A mean of means over whole axes is the mean over them all.
                return new NDList(each(x, dims, switch (function) {
                    case "total" -> total;
                    case "max" -> (y, axis) -> y.max(axis, keep);
                    case "min" -> (y, axis) -> y.min(axis, keep);
                    default -> (y, axis) -> y.mean(axis, keep);
                }));
            }
            // Over a varying length, padding must not count: it is left out of totals and means, and
            // pushed out of reach of the maximum and minimum.
            NDArray mask = real.broadcast(x.getShape());
            return new NDList(switch (function) {
                case "total" -> each(x.mul(mask), dims, total);
                case "max" -> each(x.add(Scalars.times(mask.sub(1), 1e30)), dims, (y, axis) -> y.max(axis, keep));
                case "min" -> each(x.sub(Scalars.times(mask.sub(1), 1e30)), dims, (y, axis) -> y.min(axis, keep));
                default -> each(x.mul(mask), dims, total).div(each(mask, dims, total));
            });
        };
    }

    /** A reduction over one axis. */
    @FunctionalInterface
    private interface Reduction {
        NDArray over(NDArray x, int[] axis);
    }

    /** Reduces over each axis in turn, the last first (PyTorch's max, min and mean take one axis at a time). */
    private static NDArray each(NDArray x, int[] dims, Reduction r) {
        NDArray y = x;
        for (int i = dims.length - 1; i >= 0; i--) {
            y = r.over(y, new int[] {dims[i]});
        }
        return y;
    }
}
