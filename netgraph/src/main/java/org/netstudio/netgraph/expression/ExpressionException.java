package org.netstudio.netgraph.expression;

/** A syntax error in an expression; the message quotes the expression and says where and why. */
public class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }
}
