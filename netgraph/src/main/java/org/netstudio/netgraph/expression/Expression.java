package org.netstudio.netgraph.expression;

import java.util.List;

/**
 * A parsed element-wise expression in one variable {@code x}, as used by the Elementwise layer
 * ({@code "tanh(x)*sigmoid(x)"}). A tree of immutable records; the engine compiles it to tensor
 * operations, {@link #evaluate(double)} gives reference values for tests.
 */
public sealed interface Expression
        permits Expression.Number, Expression.Variable, Expression.Call, Expression.Call2, Expression.Binary,
        Expression.Negate {

    /** The functions an expression may call. */
    List<String> FUNCTIONS = List.of("tanh", "sigmoid", "exp", "log", "sqrt", "abs", "sin", "cos", "ramp",
            "relu", "softplus", "square", "erf");

    /** The functions of two arguments, e.g. {@code min(max(x, 0), 6)} for a ReLU6. */
    List<String> FUNCTIONS2 = List.of("min", "max");

    /** The deepest tree {@link #parse} returns (a sum of 100 terms is 100 deep). */
    int MAX_DEPTH = 100;

    record Number(double value) implements Expression {
    }

    record Variable() implements Expression {
    }

    record Call(String function, Expression argument) implements Expression {
    }

    /** A call of {@code min} or {@code max}. */
    record Call2(String function, Expression first, Expression second) implements Expression {

        /**
         * The same call with an argument that reads {@code x} first, as min and max do not mind the
         * order: when only one argument reads {@code x}, the second is the constant to fold.
         */
        public Call2 xFirst() {
            return first.usesX() ? this : new Call2(function, second, first);
        }
    }

    /** {@code op} is one of {@code + - * / ^}. */
    record Binary(char op, Expression left, Expression right) implements Expression {
    }

    record Negate(Expression operand) implements Expression {
    }

    static Expression parse(String text) throws ExpressionException {
        return new ExpressionParser(text).parse();
    }

    /** Whether the expression reads {@code x} (else it is a constant, folded by whoever compiles it). */
    default boolean usesX() {
        if (this instanceof Variable) {
            return true;
        }
        if (this instanceof Negate n) {
            return n.operand().usesX();
        }
        if (this instanceof Binary b) {
            return b.left().usesX() || b.right().usesX();
        }
        if (this instanceof Call c) {
            return c.argument().usesX();
        }
        if (this instanceof Call2 c2) {
            return c2.first().usesX() || c2.second().usesX();
        }
        return false;
    }

    default double evaluate(double x) {
        if (this instanceof Number n) {
            return n.value();
        }
        if (this instanceof Variable) {
            return x;
        }
        if (this instanceof Negate n) {
            return -n.operand().evaluate(x);
        }
        if (this instanceof Binary b) {
            double l = b.left().evaluate(x);
            double r = b.right().evaluate(x);
            return switch (b.op()) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> l / r;
                default -> Math.pow(l, r);
            };
        }
        if (this instanceof Call2 c2) {
            double a = c2.first().evaluate(x);
            double b = c2.second().evaluate(x);
            return c2.function().equals("min") ? Math.min(a, b) : Math.max(a, b);
        }
        Call c = (Call) this;
        double a = c.argument().evaluate(x);
        return switch (c.function()) {
            case "tanh" -> Math.tanh(a);
            case "sigmoid" -> 1 / (1 + Math.exp(-a));
            case "exp" -> Math.exp(a);
            case "log" -> Math.log(a);
            case "sqrt" -> Math.sqrt(a);
            case "abs" -> Math.abs(a);
            case "sin" -> Math.sin(a);
            case "cos" -> Math.cos(a);
            case "ramp", "relu" -> Math.max(0, a);
            case "softplus" -> Math.log1p(Math.exp(a));
            case "square" -> a * a;
            case "erf" -> erf(a);
            default -> throw new IllegalStateException("unknown function " + c.function());
        };
    }

    /**
     * The error function, to a relative error below 1.2e-7 (float precision, as the engine computes it): the
     * complementary function's classic Chebyshev-fitted form {@code t·exp(-z² + P(t))}, {@code t = 1/(1 + z/2)}.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(-z * z + p);
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
