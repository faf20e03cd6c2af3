package org.netstudio.netgraph.io.pytorch;

import org.netstudio.netgraph.expression.Expression;

/**
 * An Elementwise expression as a Python expression on a tensor variable, computing what the
 * engine's expression compiler computes ({@code "tanh(x)*sigmoid(x)"} → {@code torch.tanh(x) *
 * torch.sigmoid(x)}). Parts without {@code x} are folded into constants, as the engine folds them.
 */
final class ExpressionSource {

    private ExpressionSource() {
    }

    static String of(Expression e, String x) {
        // A constant expression still gives one value per element, as in the engine.
        return e.usesX() ? text(e, x, 0) : "torch.full_like(" + x + ", " + number(e.evaluate(0)) + ")";
    }

    /** Binding strength of what a sub-expression needs around it: 0 anything, 1 a sum's operand, 2 a product's, 3 a power's. */
    private static String text(Expression e, String x, int context) {
        if (!e.usesX()) {
            double c = e.evaluate(0);
            String s = number(c);
            return c < 0 && context > 0 ? "(" + s + ")" : s;
        }
        if (e instanceof Expression.Variable) {
            return x;
        }
        if (e instanceof Expression.Negate n) {
            return wrap("-" + text(n.operand(), x, 3), context > 3);
        }
        if (e instanceof Expression.Binary b) {
            return switch (b.op()) {
                case '+' -> wrap(text(b.left(), x, 1) + " + " + text(b.right(), x, 1), context > 1);
                case '-' -> wrap(text(b.left(), x, 1) + " - " + text(b.right(), x, 2), context > 1);
                case '*' -> wrap(text(b.left(), x, 2) + " * " + text(b.right(), x, 2), context > 2);
                case '/' -> wrap(text(b.left(), x, 2) + " / " + text(b.right(), x, 3), context > 2);
                default -> wrap(text(b.left(), x, 4) + " ** " + text(b.right(), x, 3), context > 3);
            };
        }
        if (e instanceof Expression.Call2 call) {
            Expression.Call2 c2 = call.xFirst();
            Expression first = c2.first();
            Expression second = c2.second();
            boolean max = c2.function().equals("max");
            if (!second.usesX()) {
                return "torch.clamp(" + text(first, x, 0) + (max ? ", min=" : ", max=") + number(second.evaluate(0)) + ")";
            }
            return (max ? "torch.maximum(" : "torch.minimum(") + text(first, x, 0) + ", " + text(second, x, 0) + ")";
        }
        Expression.Call call = (Expression.Call) e;
        String arg = text(call.argument(), x, 0);
        return switch (call.function()) {
            case "ramp", "relu" -> "torch.relu(" + arg + ")";
            case "softplus" -> "F.softplus(" + arg + ")";
            case "square" -> "torch.square(" + arg + ")";
            default -> "torch." + call.function() + "(" + arg + ")";
        };
    }

    private static String wrap(String s, boolean parens) {
        return parens ? "(" + s + ")" : s;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return Double.toString(v);
    }
}
