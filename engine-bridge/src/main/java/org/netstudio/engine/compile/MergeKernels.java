package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.netstudio.netgraph.catalog.Params;

/** Catenate, Total and Threading: layers with several inputs. */
final class MergeKernels {

    private MergeKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.of(
            "Catenate", p -> {
                int axis = Kernels.batchAxis(p.getInt("axis"));
                return (in, a, training) -> new NDList(NDArrays.concat(in, axis));
            },
            "Total", p -> (in, a, training) -> {
                NDArray sum = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    sum = sum.add(in.get(i));
                }
                return new NDList(sum);
            },
            "Threading", p -> threading(function(p.getString("function"))));

    private static BinaryOperator<NDArray> function(String name) {
        return switch (name) {
            case "plus" -> NDArray::add;
            case "subtract" -> NDArray::sub;
            case "divide" -> NDArray::div;
            case "max" -> NDArray::maximum;
            case "min" -> NDArray::minimum;
            default -> NDArray::mul;
        };
    }

    /**
     * Broadcasts per example, aligned from the last axis. The batch axis stays in front, so an
     * input of lower rank gets size-1 axes inserted after the batch axis, not before it.
     */
    private static LayerKernel threading(BinaryOperator<NDArray> f) {
        return (in, a, training) -> {
            NDArray x = in.get(0);
            NDArray y = in.get(1);
            int rx = x.getShape().dimension();
            int ry = y.getShape().dimension();
            for (int i = rx; i < ry; i++) {
                x = x.expandDims(1);
            }
            for (int i = ry; i < rx; i++) {
                y = y.expandDims(1);
            }
            return new NDList(f.apply(x, y));
        };
    }
}
