package org.netstudio.netgraph.catalog;

/** How a layer parameter is written in the file and edited in the inspector. */
public enum ParamKind {
    /** A whole number. */
    INT,
    /** A real number. */
    REAL,
    BOOL,
    /** One of a fixed list of words. */
    CHOICE,
    /** One whole number for every spatial axis, or a list with one per axis (kernel, stride). */
    INT_OR_LIST,
    /** Like {@link #INT_OR_LIST}, or the word "same". */
    PADDING,
    /** A list of whole numbers (Reshape's shape, Transpose's perm). */
    INT_LIST,
    /** An expression in x, e.g. {@code tanh(x)*sigmoid(x)}. */
    EXPRESSION
}
