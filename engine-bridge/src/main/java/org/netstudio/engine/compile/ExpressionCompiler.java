package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import java.util.function.UnaryOperator;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.engine.tensor.Scalars;

/**
 * Turns an Elementwise expression into tensor operations, element by element and differentiable.
 * Parts without {@code x} are folded into constants first, so {@code "2*x^(1/2)"} costs one power
 * and one product per call.
 */
final class ExpressionCompiler {

    private ExpressionCompiler() {
    }

    static UnaryOperator<NDArray> compile(Expression e) {
        if (!e.usesX()) {
            double c = e.evaluate(0);
            return x -> Scalars.times(x.onesLike(), c);
        }
        if (e instanceof Expression.Variable) {
            return x -> x;
        }
        if (e instanceof Expression.Negate n) {
            UnaryOperator<NDArray> f = compile(n.operand());
            return x -> f.apply(x).neg();
        }
        if (e instanceof Expression.Binary b) {
            return binary(b);
        }
        if (e instanceof Expression.Call2 c2) {
            return minMax(c2);
        }
        Expression.Call call = (Expression.Call) e;
        UnaryOperator<NDArray> arg = compile(call.argument());
        UnaryOperator<NDArray> f = function(call.function());
        return x -> f.apply(arg.apply(x));
    }

    private static UnaryOperator<NDArray> function(String name) {
        return switch (name) {
            case "tanh" -> NDArray::tanh;
            case "sigmoid" -> Activation::sigmoid;
            case "exp" -> NDArray::exp;
            case "log" -> NDArray::log;
            case "sqrt" -> NDArray::sqrt;
            case "abs" -> NDArray::abs;
            case "sin" -> NDArray::sin;
            case "cos" -> NDArray::cos;
            case "ramp", "relu" -> Activation::relu;
            case "softplus" -> Activation::softPlus;
            case "square" -> NDArray::square;
            case "erf" -> NDArray::erf;
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }

    private static UnaryOperator<NDArray> binary(Expression.Binary b) {
        char op = b.op();
        if (!b.left().usesX()) {
            double c = b.left().evaluate(0);
            UnaryOperator<NDArray> r = compile(b.right());
            return switch (op) {
                case '+' -> x -> r.apply(x).add(c);
                case '-' -> x -> NDArrays.sub(c, r.apply(x));
                case '*' -> x -> Scalars.times(r.apply(x), c);
                case '/' -> x -> Scalars.dividing(c, r.apply(x));
                default -> x -> Scalars.raising(c, r.apply(x));
            };
        }
        UnaryOperator<NDArray> l = compile(b.left());
        if (!b.right().usesX()) {
            double c = b.right().evaluate(0);
            return switch (op) {
                case '+' -> x -> l.apply(x).add(c);
                case '-' -> x -> l.apply(x).sub(c);
                case '*' -> x -> Scalars.times(l.apply(x), c);
                case '/' -> x -> Scalars.over(l.apply(x), c);
                default -> x -> Scalars.power(l.apply(x), c);
            };
        }
        UnaryOperator<NDArray> r = compile(b.right());
        return switch (op) {
            case '+' -> x -> l.apply(x).add(r.apply(x));
            case '-' -> x -> l.apply(x).sub(r.apply(x));
            case '*' -> x -> l.apply(x).mul(r.apply(x));
            case '/' -> x -> l.apply(x).div(r.apply(x));
            default -> x -> l.apply(x).pow(r.apply(x));
        };
    }

    /** {@code min(a, b)} and {@code max(a, b)}; a constant argument is folded. */
    private static UnaryOperator<NDArray> minMax(Expression.Call2 c) {
        boolean max = c.function().equals("max");
        Expression.Call2 ordered = c.xFirst();
        Expression first = ordered.first();
        Expression second = ordered.second();
        UnaryOperator<NDArray> a = compile(first);
        if (!second.usesX()) {
            double k = second.evaluate(0);
            return max ? x -> Scalars.atLeast(a.apply(x), k) : x -> Scalars.atMost(a.apply(x), k);
        }
        UnaryOperator<NDArray> b = compile(second);
        return max ? x -> a.apply(x).maximum(b.apply(x)) : x -> a.apply(x).minimum(b.apply(x));
    }
}
