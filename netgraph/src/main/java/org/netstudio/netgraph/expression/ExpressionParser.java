package org.netstudio.netgraph.expression;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.netstudio.netgraph.text.Shown;

/**
 * Recursive-descent parser for {@link Expression}: sums of products of powers of unary terms;
 * {@code ^} binds tightest and is right-associative.
 *
 * <p>Every tree it returns is at most {@link Expression#MAX_DEPTH} deep, so neither the parser nor
 * anything walking the tree recursively (evaluation, the engine's compiler) can overflow the
 * stack, however the text is nested; messages quote at most the start of a long text (see {@link Shown}).
 */
final class ExpressionParser {

    private final String text;
    private int pos;
    /** How many sums the parser is inside: bounds its own recursion. */
    private int nesting;

    ExpressionParser(String text) {
        this.text = text == null ? "" : text;
    }

    Expression parse() throws ExpressionException {
        if (text.isBlank()) {
            throw new ExpressionException("the expression is empty; write one in x, such as \"tanh(x)\"");
        }
        Expression e = sum();
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected \"" + text.charAt(pos) + "\"");
        }
        if (depth(e) > Expression.MAX_DEPTH) {
            throw tooDeep();
        }
        return e;
    }

    private Expression sum() throws ExpressionException {
        // Each level of parentheses, call argument, sign or power passes here or through unary().
        if (++nesting > Expression.MAX_DEPTH) {
            throw tooDeep();
        }
        Expression sum = leftToRight('+', '-', this::product);
        nesting--;
        return sum;
    }

    private Expression product() throws ExpressionException {
        return leftToRight('*', '/', this::unary);
    }

    /** Operands joined by either operator, grouped from the left: a - b - c is (a - b) - c. */
    private Expression leftToRight(char one, char other, Operand operand) throws ExpressionException {
        Expression left = operand.read();
        while (true) {
            skipSpace();
            if (!peek(one) && !peek(other)) {
                return left;
            }
            char op = text.charAt(pos++);
            left = new Expression.Binary(op, left, operand.read());
        }
    }

    /** The next operand at a tighter level of precedence. */
    @FunctionalInterface
    private interface Operand {
        Expression read() throws ExpressionException;
    }

    private Expression unary() throws ExpressionException {
        skipSpace();
        if (peek('-') || peek('+')) {
            if (++nesting > Expression.MAX_DEPTH) {
                throw tooDeep();
            }
            boolean minus = text.charAt(pos++) == '-';
            Expression operand = unary();
            nesting--;
            return minus ? new Expression.Negate(operand) : operand;
        }
        return power();
    }

    private Expression power() throws ExpressionException {
        Expression base = atom();
        skipSpace();
        if (peek('^')) {
            pos++;
            if (++nesting > Expression.MAX_DEPTH) {
                throw tooDeep();
            }
            Expression exponent = unary();
            nesting--;
            return new Expression.Binary('^', base, exponent);
        }
        return base;
    }

    private Expression atom() throws ExpressionException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("it ends too early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expression inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (peek('-') || peek('+')) {
                    pos++;
                }
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            try {
                return new Expression.Number(Double.parseDouble(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw error("\"" + Shown.text(text.substring(start, pos)) + "\" is not a number");
            }
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("x")) {
                return new Expression.Variable();
            }
            skipSpace();
            if (!peek('(')) {
                throw new ExpressionException("unknown name \"" + Shown.text(word) + "\" in \"" + Shown.text(text)
                        + "\": the only variable is x");
            }
            if (Expression.FUNCTIONS2.contains(lower)) {
                pos++;
                Expression first = sum();
                expect(',');
                Expression second = sum();
                expect(')');
                return new Expression.Call2(lower, first, second);
            }
            if (!Expression.FUNCTIONS.contains(lower)) {
                throw new ExpressionException("unknown function \"" + Shown.text(word) + "\" in \"" + Shown.text(text) + "\"; known: "
                        + String.join(", ", Expression.FUNCTIONS) + ", " + String.join(", ", Expression.FUNCTIONS2));
            }
            pos++;
            Expression arg = sum();
            expect(')');
            return new Expression.Call(lower, arg);
        }
        throw error("unexpected \"" + c + "\"");
    }

    private void expect(char c) throws ExpressionException {
        skipSpace();
        if (!peek(c)) {
            throw error("expected \"" + c + "\"");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionException error(String what) {
        return new ExpressionException(what + " at position " + (pos + 1) + " of \"" + Shown.text(text) + "\"");
    }

    private ExpressionException tooDeep() {
        return new ExpressionException("\"" + Shown.text(text) + "\" is nested more than " + Expression.MAX_DEPTH
                + " levels deep (parentheses, calls, signs and operators); write it more simply");
    }


    /** The depth of a tree, walked without recursion (a long sum is a deep left-leaning tree). */
    private static int depth(Expression root) {
        int deepest = 0;
        ArrayDeque<Expression> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Expression e = nodes.pop();
            int d = depths.pop();
            deepest = Math.max(deepest, d);
            for (Expression child : children(e)) {
                nodes.push(child);
                depths.push(d + 1);
            }
        }
        return deepest;
    }

    private static List<Expression> children(Expression e) {
        if (e instanceof Expression.Binary b) {
            return List.of(b.left(), b.right());
        }
        if (e instanceof Expression.Call2 c) {
            return List.of(c.first(), c.second());
        }
        if (e instanceof Expression.Call c) {
            return List.of(c.argument());
        }
        if (e instanceof Expression.Negate n) {
            return List.of(n.operand());
        }
        return List.of();
    }
}
