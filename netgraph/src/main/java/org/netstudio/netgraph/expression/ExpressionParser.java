package org.netstudio.netgraph.expression;

import java.util.Locale;

/**
 * Recursive-descent parser for {@link Expression}: sums of products of powers of unary terms;
 * {@code ^} binds tightest and is right-associative.
 */
final class ExpressionParser {

    private final String text;
    private int pos;

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
        return e;
    }

    private Expression sum() throws ExpressionException {
        Expression left = product();
        while (true) {
            skipSpace();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                left = new Expression.Binary(op, left, product());
            } else {
                return left;
            }
        }
    }

    private Expression product() throws ExpressionException {
        Expression left = unary();
        while (true) {
            skipSpace();
            if (peek('*') || peek('/')) {
                char op = text.charAt(pos++);
                left = new Expression.Binary(op, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() throws ExpressionException {
        skipSpace();
        if (peek('-')) {
            pos++;
            return new Expression.Negate(unary());
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return power();
    }

    private Expression power() throws ExpressionException {
        Expression base = atom();
        skipSpace();
        if (peek('^')) {
            pos++;
            return new Expression.Binary('^', base, unary());
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
                throw error("\"" + text.substring(start, pos) + "\" is not a number");
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
                throw new ExpressionException("unknown name \"" + word + "\" in \"" + text
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
                throw new ExpressionException("unknown function \"" + word + "\" in \"" + text + "\"; known: "
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
        return new ExpressionException(what + " at position " + (pos + 1) + " of \"" + text + "\"");
    }
}
