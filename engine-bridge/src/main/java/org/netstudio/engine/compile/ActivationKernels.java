package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.engine.tensor.Scalars;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.expression.ExpressionException;

/** The element-wise activations, Elementwise, Softmax, LogSoftmax and Dropout: all keep the shape. */
final class ActivationKernels {

    private ActivationKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.ofEntries(
            Map.entry("Ramp", p -> Kernels.unary(Activation::relu)),
            Map.entry("Tanh", p -> Kernels.unary(Activation::tanh)),
            Map.entry("Sigmoid", p -> Kernels.unary(Activation::sigmoid)),
            Map.entry("GELU", p -> Kernels.unary(Activation::gelu)),
            Map.entry("SiLU", p -> Kernels.unary(x -> x.mul(x.getNDArrayInternal().sigmoid()))),
            Map.entry("ELU", p -> Kernels.unary(x -> Activation.elu(x, 1f))),
            Map.entry("SELU", p -> Kernels.unary(Activation::selu)),
            Map.entry("Softplus", p -> Kernels.unary(Activation::softPlus)),
            Map.entry("LeakyReLU", p -> {
                float alpha = (float) p.getDouble("alpha");
                return Kernels.unary(x -> Activation.leakyRelu(x, alpha));
            }),
            Map.entry("Elementwise", p -> Kernels.unary(expression(p.getString("function")))),
            Map.entry("Softmax", p -> softmax(Kernels.batchAxis(p.getInt("axis")), false)),
            Map.entry("LogSoftmax", p -> softmax(Kernels.batchAxis(p.getInt("axis")), true)),
            Map.entry("Dropout", p -> dropout((float) p.getDouble("rate"))));

    private static java.util.function.UnaryOperator<NDArray> expression(String text) {
        try {
            return ExpressionCompiler.compile(Expression.parse(text));
        } catch (ExpressionException e) {
            // Inference has already rejected such a net; this only guards direct use.
            throw new IllegalArgumentException("Elementwise function " + e.getMessage(), e);
        }
    }

    /** Zeroes each value with probability {@code rate} and scales the rest by 1/(1-rate), while training only. */
    private static LayerKernel dropout(float rate) {
        return (in, a, training) -> training && rate > 0 ? Dropout.dropout(in.head(), rate, true) : new NDList(in.head());
    }

    /** Softmax along an axis; along a sequence of a padded batch, over each example's own elements. */
    private static LayerKernel softmax(int axis, boolean log) {
        return (LayerKernel.Masked) (in, a, training, lengths) -> {
            NDArray x = in.head();
            int tensorAxis = axis >= 0 ? axis : x.getShape().dimension() + axis;
            NDArray n = lengths.of(0, tensorAxis);
            if (n != null) {
                x = x.add(Scalars.times(Lengths.maskLike(x, tensorAxis, n).sub(1), 1e30));
            }
            return new NDList(log ? x.logSoftmax(tensorAxis) : x.softmax(tensorAxis));
        };
    }
}
