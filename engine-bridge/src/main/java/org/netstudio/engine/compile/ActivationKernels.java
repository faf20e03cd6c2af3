package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.expression.ExpressionException;
import org.netstudio.engine.tensor.Scalars;

/** The element-wise activations, Elementwise, Softmax, LogSoftmax and Dropout: all keep the shape. */
final class ActivationKernels {

    private ActivationKernels() {
    }

    static LayerKernel of(String type, Params p) {
        return switch (type) {
            case "Ramp" -> Kernels.unary(Activation::relu);
            case "Tanh" -> Kernels.unary(Activation::tanh);
            case "Sigmoid" -> Kernels.unary(Activation::sigmoid);
            case "GELU" -> Kernels.unary(Activation::gelu);
            case "SiLU" -> Kernels.unary(x -> x.mul(x.getNDArrayInternal().sigmoid()));
            case "ELU" -> Kernels.unary(x -> Activation.elu(x, 1f));
            case "SELU" -> Kernels.unary(Activation::selu);
            case "Softplus" -> Kernels.unary(Activation::softPlus);
            case "LeakyReLU" -> {
                float alpha = (float) p.getDouble("alpha");
                yield Kernels.unary(x -> Activation.leakyRelu(x, alpha));
            }
            case "Elementwise" -> Kernels.unary(expression(p.getString("function")));
            case "Softmax" -> softmax(Kernels.batchAxis(p.getInt("axis")), false);
            case "LogSoftmax" -> softmax(Kernels.batchAxis(p.getInt("axis")), true);
            case "Dropout" -> dropout((float) p.getDouble("rate"));
            default -> throw new IllegalArgumentException(type);
        };
    }

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
