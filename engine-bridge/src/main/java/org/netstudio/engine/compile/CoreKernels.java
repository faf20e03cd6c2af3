package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.netgraph.catalog.Params;

/** Linear, Flatten, Reshape, Transpose and Part. */
final class CoreKernels {

    private CoreKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.of(
            "Linear", p -> linear(p.getBool("bias")),
            // The array has the per-example shape (or its last axes): it broadcasts over the batch as over the rest.
            "ConstantTimes", p -> (in, a, training) -> new NDList(in.head().mul(a[0])),
            "ConstantPlus", p -> (in, a, training) -> new NDList(in.head().add(a[0])),
            "Flatten", p -> Kernels.unary(x -> x.reshape(x.getShape().get(0), -1)),
            "Reshape", p -> reshape(p.getIntList("shape")),
            "Transpose", p -> transpose(p.getIntList("perm")),
            "Part", p -> part(p.getInt("axis"), p.getInt("start"), p.getInt("end")));

    /** {@code (batch, …, d) → (batch, …, units)}: {@code x·Wᵀ + b} with W {@code units×d}, as PyTorch's linear. */
    private static LayerKernel linear(boolean bias) {
        return (in, a, training) -> {
            NDArray x = in.head();
            return x.getNDArrayInternal().linear(x, a[0], bias ? a[1] : null);
        };
    }

    private static LayerKernel reshape(List<Integer> shape) {
        return Kernels.unary(x -> {
            long[] dims = new long[shape.size() + 1];
            dims[0] = x.getShape().get(0);
            for (int i = 0; i < shape.size(); i++) {
                dims[i + 1] = shape.get(i);
            }
            return x.reshape(new Shape(dims));
        });
    }

    /** All of the batch axis and of the axes before {@code axis}, a slice of that one; the gradient flows into the span. */
    private static LayerKernel part(int axis, int start, int end) {
        NDIndex index = new NDIndex().addAllDim(axis + 1).addSliceDim(start, end);
        return Kernels.unary(x -> x.get(index));
    }

    private static LayerKernel transpose(List<Integer> perm) {
        int[] axes = new int[perm.size() + 1];
        for (int i = 0; i < perm.size(); i++) {
            axes[i + 1] = perm.get(i) + 1;
        }
        return (in, a, training) -> new NDList(in.head().transpose(axes));
    }
}
